using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Redis.MultiplexerPerOperationAnalyzer>;

namespace MessagingAnalyzers.Tests.Redis
{
    public class MultiplexerPerOperationTests
    {
        [Fact]
        public async Task ConnectPerOperation_IsFlagged()
        {
            var source = RedisSources.Usings + @"
public class Cache
{
    private IConnectionMultiplexer _mux = null!;

    public string? Get(string key)
    {
        using var mux = {|#0:ConnectionMultiplexer.Connect(""localhost"")|};
        return mux.GetDatabase().StringGet(key);
    }

    public async Task<string?> GetAsync(string key)
    {
        var mux = await {|#1:ConnectionMultiplexer.ConnectAsync(""localhost"")|};
        return await mux.GetDatabase().StringGetAsync(key);
    }

    public void Warm(IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            var mux = {|#2:ConnectionMultiplexer.Connect(""localhost"")|};
            mux.GetDatabase().StringSet(key, ""1"");
            mux.Dispose();
        }
    }

    public IDatabase Database()
    {
        if (!_mux.IsConnected)
        {
            _mux.Dispose();
            _mux = {|#3:ConnectionMultiplexer.Connect(""localhost"")|};
        }

        return _mux.GetDatabase();
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("Get", "and disposes it when 'Get' returns"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("GetAsync", "and never stores or disposes it, so its threads and connections leak"),
                VerifyAnalyzer.Diagnostic(2).WithArguments("Warm", "inside a loop"),
                VerifyAnalyzer.Diagnostic(3).WithArguments("Database", "to replace one that is not connected (it reconnects by itself)"));
        }

        [Fact]
        public async Task SharedMultiplexers_AreNotFlagged()
        {
            var source = RedisSources.Usings + @"
using Microsoft.Extensions.DependencyInjection;

public static class Redis
{
    private static readonly Lazy<ConnectionMultiplexer> Lazy = new(() => ConnectionMultiplexer.Connect(""localhost""));
    private static readonly ConnectionMultiplexer Shared = ConnectionMultiplexer.Connect(""localhost"");
    private static IConnectionMultiplexer? _instance;

    public static IConnectionMultiplexer Create(string configuration) => ConnectionMultiplexer.Connect(configuration);

    public static void Init() => _instance = ConnectionMultiplexer.Connect(""localhost"");

    public static void Register(IServiceCollection services) =>
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(""localhost""));

    public static void Main()
    {
        using var mux = ConnectionMultiplexer.Connect(""localhost"");
        mux.GetDatabase().StringSet(""k"", ""v"");
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }
    }
}
