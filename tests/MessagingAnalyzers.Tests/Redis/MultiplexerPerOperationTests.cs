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


        [Fact]
        public async Task PerEndpointMultiplexer_SetOnAHolderKeptInAFieldList_AndDisposedByTheType_IsShared()
        {
            var source = RedisSources.Usings + @"
public sealed class ReplicaNode
{
    public string Host { get; set; } = """";
    public int Port { get; set; }
    public string? Secret { get; set; }
}

public sealed class NodeLink
{
    public IConnectionMultiplexer Mux { get; set; } = null!;
    public int Db { get; set; }
}

public sealed class QuorumCoordinator
{
    private readonly List<NodeLink> _links = new();

    public QuorumCoordinator(IEnumerable<ReplicaNode> nodes)
    {
        foreach (var node in nodes)
        {
            var settings = new ConfigurationOptions
            {
                AbortOnConnectFail = false,
                Password = node.Secret,
            };
            settings.EndPoints.Add(node.Host, node.Port);

            var link = new NodeLink
            {
                Mux = ConnectionMultiplexer.Connect(settings),
                Db = 0,
            };
            link.Mux.ConnectionFailed += (_, _) => { };
            _links.Add(link);
        }
    }

    public void Shutdown()
    {
        foreach (var link in _links)
        {
            link.Mux.Dispose();
        }
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task PerEndpointMultiplexer_OnAHolder_ThatTheTypeNeverDisposes_OrOnAHolderNotKept_IsFlagged()
        {
            var source = RedisSources.Usings + @"
public sealed class NodeLink
{
    public IConnectionMultiplexer Mux { get; set; } = null!;
}

public sealed class Leaky
{
    private readonly List<NodeLink> _links = new();

    public void Open(IEnumerable<string> hosts)
    {
        foreach (var host in hosts)
        {
            var settings = ConfigurationOptions.Parse(host);
            var link = new NodeLink { Mux = {|#0:ConnectionMultiplexer.Connect(settings)|} };
            _links.Add(link);
        }
    }
}

public sealed class Throwaway : IDisposable
{
    private readonly List<NodeLink> _links = new();

    public void Ping(IEnumerable<string> hosts)
    {
        foreach (var host in hosts)
        {
            var link = new NodeLink { Mux = {|#1:ConnectionMultiplexer.Connect(host)|} };
            link.Mux.GetDatabase().StringSet(""seen"", host);
        }
    }

    public void Dispose()
    {
        foreach (var link in _links) link.Mux.Dispose();
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("Open", "inside a loop"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("Ping", "inside a loop"));
        }

        [Fact]
        public async Task MultiplexerCachedInAStaticDictionary_ThroughAnAwaitedHelper_IsNotFlagged()
        {
            var source = RedisSources.Usings + @"
using System.Collections.Concurrent;

public sealed class ReachabilityMonitor
{
    private static readonly ConcurrentDictionary<string, IConnectionMultiplexer> Cache = new();
    private readonly string _target;

    public ReachabilityMonitor(string target) => _target = target;

    public async Task<bool> ProbeAsync(CancellationToken token)
    {
        IConnectionMultiplexer? mux = null;
        if (!Cache.TryGetValue(_target, out mux))
        {
            var pending = ConnectionMultiplexer.ConnectAsync(_target);
            mux = await WithDeadline(pending, token).ConfigureAwait(false);
            if (!Cache.TryAdd(_target, mux))
            {
                mux.Dispose();
                mux = Cache[_target];
            }
        }

        await mux.GetDatabase().PingAsync();
        return true;
    }

    public async Task<bool> ProbeOtherAsync(string target)
    {
        var mux = await ConnectionMultiplexer.ConnectAsync(target);
        Cache[target] = mux;
        return mux.IsConnected;
    }

    private static async Task<ConnectionMultiplexer> WithDeadline(Task<ConnectionMultiplexer> work, CancellationToken token)
    {
        await Task.WhenAny(work, Task.Delay(5000, token));
        return await work;
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task ConnectTaskAwaitedLater_OrPassedToAHelperThatDoesNotBind_IsNotClaimedToLeak()
        {
            var source = RedisSources.Usings + @"
using System.Collections.Concurrent;

public sealed class TenantRouter
{
    private static readonly ConcurrentDictionary<string, IConnectionMultiplexer> Routes = new();

    public async Task<IDatabase> RouteAsync(string tenant)
    {
        var pending = ConnectionMultiplexer.ConnectAsync(tenant);
        var mux = await pending.ConfigureAwait(false);
        Routes[tenant] = mux;
        return mux.GetDatabase();
    }

    public async Task<IDatabase> RouteUnboundAsync(string tenant)
    {
        var pending = ConnectionMultiplexer.ConnectAsync(tenant);
        IConnectionMultiplexer mux = await Bounded({|CS1503:pending|});
        if (!Routes.TryAdd(tenant, mux))
        {
            mux.Dispose();
            mux = Routes[tenant];
        }

        return mux.GetDatabase();
    }

    private static async Task<ConnectionMultiplexer> Bounded({|CS0246:UnresolvedTask<ConnectionMultiplexer>|} work) => await work;
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task ConnectTaskAwaitedIntoAUsingLocal_OrADisposedClientPassedToUnboundCode_IsStillFlagged()
        {
            var source = RedisSources.Usings + @"
public sealed class Lookup
{
    public async Task<string?> ReadAsync(string host, string key)
    {
        var pending = {|#0:ConnectionMultiplexer.ConnectAsync(host)|};
        using var mux = await pending;
        return await mux.GetDatabase().StringGetAsync(key);
    }

    public async Task<bool> WriteAsync(string host, string key)
    {
        var pending = {|#1:ConnectionMultiplexer.ConnectAsync(host)|};
        var mux = await pending;
        return await mux.GetDatabase().StringSetAsync(key, ""1"");
    }

    public void Audit(string host)
    {
        using var mux = {|#2:ConnectionMultiplexer.Connect(host)|};
        Inspect({|CS1503:mux|});
    }

    private static void Inspect({|CS0246:UnresolvedClient|} client) { }
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("ReadAsync", "and disposes it when 'ReadAsync' returns"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("WriteAsync", "and never stores or disposes it, so its threads and connections leak"),
                VerifyAnalyzer.Diagnostic(2).WithArguments("Audit", "and disposes it when 'Audit' returns"));
        }

        [Fact]
        public async Task ConnectivityCheck_ThatOnlyPingsAndDisposes_IsNotFlagged()
        {
            var source = RedisSources.Usings + @"
public static class EndpointDoctor
{
    public static async Task<bool> CanReachAsync(string host)
    {
        var options = new ConfigurationOptions { EndPoints = { host }, AbortOnConnectFail = false, ConnectTimeout = 2000 };
        using var probe = await ConnectionMultiplexer.ConnectAsync(options);
        if (!probe.IsConnected)
        {
            return false;
        }

        var latency = await probe.GetDatabase().PingAsync();
        return latency >= TimeSpan.Zero;
    }

    public static bool ServerAnswers(string host)
    {
        using (var probe = ConnectionMultiplexer.Connect(host))
        {
            foreach (var endpoint in probe.GetEndPoints())
            {
                probe.GetServer(endpoint).Ping();
            }

            Console.WriteLine(probe.GetStatus());
            return probe.IsConnected;
        }
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task ConnectThatRunsARealCommand_BesidesAPing_IsStillFlagged()
        {
            var source = RedisSources.Usings + @"
public static class EndpointDoctor
{
    public static async Task<bool> CanWriteAsync(string host)
    {
        using var probe = await {|#0:ConnectionMultiplexer.ConnectAsync(host)|};
        if (!probe.IsConnected)
        {
            return false;
        }

        await probe.GetDatabase().PingAsync();
        return await probe.GetDatabase().StringSetAsync(""doctor"", ""ok"");
    }

    public static string? ReadAfterPing(string host)
    {
        using var probe = {|#1:ConnectionMultiplexer.Connect(host)|};
        var db = probe.GetDatabase();
        db.Ping();
        return db.StringGet(""k"");
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("CanWriteAsync", "and disposes it when 'CanWriteAsync' returns"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("ReadAfterPing", "and disposes it when 'ReadAfterPing' returns"));
        }
    }
}
