using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Redis.SyncRedisCallInAsyncMethodAnalyzer>;
using VerifyFix = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Redis.SyncRedisCallInAsyncMethodAnalyzer, MessagingAnalyzers.CodeFixes.Redis.SyncRedisCallInAsyncMethodCodeFix>;

namespace MessagingAnalyzers.Tests.Redis
{
    public class SyncRedisCallInAsyncMethodTests
    {
        [Fact]
        public async Task SyncCallsInAsyncCode_AreFlagged_AndAwaitedByTheFix()
        {
            var source = RedisSources.InService(@"
    public async Task<string?> GetAsync(string key)
    {
        await Task.Yield();
        var value = {|#0:_db.StringGet(key)|};
        {|#1:_db.KeyDelete(key)|};
        return {|#2:_db.StringGet(key + "":2"")|}.ToString();
    }");
            var fixedSource = RedisSources.InService(@"
    public async Task<string?> GetAsync(string key)
    {
        await Task.Yield();
        var value = await _db.StringGetAsync(key);
        await _db.KeyDeleteAsync(key);
        return (await _db.StringGetAsync(key + "":2"")).ToString();
    }");
            await VerifyFix.CodeFixAsync(source, fixedSource,
                VerifyFix.Diagnostic(0).WithArguments("_db.StringGet", "StringGetAsync"),
                VerifyFix.Diagnostic(1).WithArguments("_db.KeyDelete", "KeyDeleteAsync"),
                VerifyFix.Diagnostic(2).WithArguments("_db.StringGet", "StringGetAsync"));
        }

        [Fact]
        public async Task TaskReturningMethods_AreFlagged_SyncCodeIsNot()
        {
            var source = RedisSources.InService(@"
    public Task<bool> ExistsAsync(string key) => Task.FromResult({|#0:_db.KeyExists(key)|});
    public string? Get(string key) => _db.StringGet(key);
    public async Task<string?> GoodAsync(string key) => await _db.StringGetAsync(key);");
            await VerifyAnalyzer.AnalyzerAsync(source, VerifyAnalyzer.Diagnostic(0).WithArguments("_db.KeyExists", "KeyExistsAsync"));
        }

        [Fact]
        public async Task TestCode_IsNotFlagged()
        {
            await VerifyAnalyzer.AnalyzerAsync(RedisSources.Usings + TestAttributes.Source + @"
public class CacheTests
{
    [Xunit.Fact]
    public async Task RoundTrips()
    {
        using var mux = await ConnectionMultiplexer.ConnectAsync(""localhost"");
        var db = mux.GetDatabase();
        db.StringSet(""k"", ""v"");
        var value = db.StringGet(""k"");
        await db.KeyDeleteAsync(""k"");
    }
}");
        }

        [Theory]
        [InlineData("Inventory.Tests")]
        [InlineData("InventoryIntegrationTests")]
        [InlineData("Inventory.Benchmarks")]
        public async Task ProjectsNamedAsTestOrBenchmarkHarnesses_AreNotFlagged(string assemblyName)
        {
            // A harness project without a test framework reference (a console load test, an event replay tool named
            // *.Tests, a benchmark): the .NET naming convention says it is not production code.
            var source = RedisSources.InService(@"
    public async Task ReplayAsync(string key)
    {
        await Task.Delay(1);
        _db.KeyDelete(key);
    }");
            await VerifyAnalyzer.AnalyzerAsync(source, new VerifyOptions { AssemblyName = assemblyName });
            await VerifyAnalyzer.AnalyzerAsync(source.Replace("_db.KeyDelete(key)", "{|#0:_db.KeyDelete(key)|}"),
                new VerifyOptions { AssemblyName = "Inventory.Requests" },
                VerifyAnalyzer.Diagnostic(0).WithArguments("_db.KeyDelete", "KeyDeleteAsync"));
        }

        [Fact]
        public async Task FireAndForgetCalls_DoNotWait_AndAreNotFlagged()
        {
            var source = RedisSources.InService(@"
    public async Task TouchAsync(string key)
    {
        await Task.Yield();
        _db.StringSet(key + "":seen"", ""1"", TimeSpan.FromMinutes(5), flags: CommandFlags.FireAndForget);
        _db.KeyExpire(key, TimeSpan.FromMinutes(5), CommandFlags.FireAndForget | CommandFlags.PreferReplica);
        _redis.GetSubscriber().Publish(RedisChannel.Literal(""touched""), key, CommandFlags.FireAndForget);
        {|#0:_db.KeyExpire(key, TimeSpan.FromMinutes(5), CommandFlags.DemandMaster)|};
    }");
            await VerifyAnalyzer.AnalyzerAsync(source, VerifyAnalyzer.Diagnostic(0).WithArguments("_db.KeyExpire", "KeyExpireAsync"));
        }

        [Fact]
        public async Task ConsolePrograms_AreNotFlagged()
        {
            await VerifyAnalyzer.AnalyzerAsync(RedisSources.Usings + @"
public static class Program
{
    public static async Task Main()
    {
        using var mux = await ConnectionMultiplexer.ConnectAsync(""localhost"");
        var db = mux.GetDatabase();
        db.StringSet(""greeting"", ""hello"");
        await Task.Delay(10);
        Console.WriteLine(db.StringGet(""greeting""));
    }
}", new VerifyOptions { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication });

            await VerifyAnalyzer.AnalyzerAsync(RedisSources.Usings + @"
var mux = await ConnectionMultiplexer.ConnectAsync(""localhost"");
var db = mux.GetDatabase();
db.StringSet(""greeting"", ""hello"");
Console.WriteLine(db.StringGet(""greeting""));
await mux.CloseAsync();
", new VerifyOptions { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication });
        }

        [Fact]
        public async Task SyncBranchOfAFlagChosenBridge_IsNotFlagged_ButAnUnrelatedBranchIs()
        {
            var source = RedisSources.InService(@"
    private async ValueTask<RedisValue> GetCoreAsync(string key, bool useAsync)
    {
        if (useAsync)
        {
            return await _db.StringGetAsync(key);
        }
        else
        {
            return _db.StringGet(key);
        }
    }

    private async ValueTask<bool> DeleteCoreAsync(string key, bool isAsync) =>
        isAsync ? await _db.KeyDeleteAsync(key) : _db.KeyDelete(key);

    private async Task<long> LengthCoreAsync(string key, bool sync)
    {
        if (sync)
        {
            return _db.ListLength(key);
        }

        return await _db.ListLengthAsync(key);
    }

    private async Task<bool> ExistsCoreAsync(string key, bool useAsync)
    {
        if (useAsync)
        {
            return await _db.KeyExistsAsync(key);
        }

        return _db.KeyExists(key);
    }

    private async Task<RedisValue> NotABridgeAsync(string key, bool fresh)
    {
        if (fresh)
        {
            return {|#0:_db.StringGet(key)|};
        }

        await Task.Yield();
        return await _db.HashGetAsync(key, ""v"");
    }");
            await VerifyAnalyzer.AnalyzerAsync(source, VerifyAnalyzer.Diagnostic(0).WithArguments("_db.StringGet", "StringGetAsync"));
        }
    }
}
