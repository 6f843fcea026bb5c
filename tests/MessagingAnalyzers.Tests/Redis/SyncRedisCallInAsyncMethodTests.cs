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
    }
}
