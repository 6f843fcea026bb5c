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

        [Fact]
        public async Task OneMultiplexerPerEndpoint_KeptAndDisposedByTheType_IsShared()
        {
            var source = RedisSources.Usings + @"
public sealed class RedLock : IDisposable
{
    private readonly List<ConnectionMultiplexer> _masters = new();
    private readonly IConnectionMultiplexer[] _replicas;

    public RedLock(IReadOnlyList<string> masters, IReadOnlyList<string> replicas)
    {
        foreach (var endpoint in masters)
        {
            _masters.Add(ConnectionMultiplexer.Connect(endpoint));
        }

        _replicas = new IConnectionMultiplexer[replicas.Count];
        for (var i = 0; i < replicas.Count; i++)
        {
            var mux = ConnectionMultiplexer.Connect(replicas[i]);
            _replicas[i] = mux;
        }
    }

    public void Dispose()
    {
        foreach (var master in _masters) master.Dispose();
        foreach (var replica in _replicas) replica.Dispose();
    }
}

public sealed class Shards : IAsyncDisposable
{
    private readonly Dictionary<string, IConnectionMultiplexer> _shards = new();

    public async Task StartAsync(IEnumerable<string> endpoints)
    {
        foreach (var endpoint in endpoints)
        {
            _shards[endpoint] = await ConnectionMultiplexer.ConnectAsync(endpoint);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var shard in _shards.Values) await shard.CloseAsync();
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task PerEndpointMultiplexers_ThatTheTypeNeverDisposes_OrTheSameEndpointInALoop_AreFlagged()
        {
            var source = RedisSources.Usings + @"
public sealed class Pool
{
    private readonly List<ConnectionMultiplexer> _connections = new();

    public void Open(IEnumerable<string> endpoints)
    {
        foreach (var endpoint in endpoints)
        {
            _connections.Add({|#0:ConnectionMultiplexer.Connect(endpoint)|});
        }
    }
}

public sealed class Fanout : IDisposable
{
    private readonly List<ConnectionMultiplexer> _connections = new();

    public void Open(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _connections.Add({|#1:ConnectionMultiplexer.Connect(""localhost"")|});
        }
    }

    public void Dispose() => _connections.ForEach(c => c.Dispose());
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("Open", "inside a loop"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("Open", "inside a loop"));
        }
    }
}
