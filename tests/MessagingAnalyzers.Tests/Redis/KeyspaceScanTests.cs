using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Redis.KeyspaceScanAnalyzer>;

namespace MessagingAnalyzers.Tests.Redis
{
    public class KeyspaceScanTests
    {
        [Fact]
        public async Task KeysAndScansInHotPaths_AreFlagged()
        {
            var source = RedisSources.InService(@"
    public void Invalidate(string prefix)
    {
        var keys = {|#0:_db.Execute(""KEYS"", prefix + ""*"")|};
        var server = _redis.GetServer(""localhost"", 6379);
        foreach (var key in {|#1:server.Keys(pattern: prefix + ""*"")|})
        {
            _db.KeyDelete(key);
        }
    }

    public long CountAll(IEnumerable<string> prefixes)
    {
        var server = _redis.GetServer(""localhost"", 6379);
        long total = 0;
        foreach (var prefix in prefixes)
        {
            total += {|#3:server.Keys(pattern: prefix + ""*"")|}.LongCount();
        }

        return total;
    }
}

[ApiController]
public class KeysController : ControllerBase
{
    [HttpGet]
    public IActionResult Count(IServer server) => Ok({|#2:server.Keys(pattern: ""user:*"")|}.Count());");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments(@"'_db.Execute(""KEYS"", ...)' runs KEYS", Blocks),
                ToDelete(1).WithArguments("server.Keys", "Invalidate", FindsKeysToDelete),
                VerifyAnalyzer.Diagnostic(2).WithArguments("'server.Keys' scans the keyspace on every request", Pages),
                VerifyAnalyzer.Diagnostic(3).WithArguments("'server.Keys' scans the keyspace in a loop", Pages));
        }

        private const string Blocks = "KEYS walks every key in one command and blocks the server for every client while it runs";

        private const string Pages = "IServer.Keys pages through the whole keyspace with SCAN, so every call costs O(number of keys) round trips";

        private const string FindsKeysToDelete = "pages through the whole keyspace with SCAN to find the keys to delete: every call costs O(number of keys) round trips, however few keys match. Keep the keys in an index set and delete its members, or keep this data in a separate database and flush it";

        private const string DeletesEveryKey = "reads every key of the database with SCAN to delete them all: FLUSHDB (IServer.FlushDatabase) removes them in one command. If the database holds other data, give this data a database of its own";

        private static DiagnosticResult ToDelete(int markupKey) =>
            new DiagnosticResult(Descriptors.MSG3010_KeyspaceScanToDelete).WithLocation(markupKey).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

        [Fact]
        public async Task Messages_SayThatKeysBlocks_AndThatIServerKeysPagesWithScan()
        {
            var source = RedisSources.InService(@"
    public int CountSessions(IServer server)
    {
        var n = 0;
        for (var db = 0; db < 16; db++) n += {|#0:server.Keys(db, ""session:*"")|}.Count();
        return n;
    }

    public RedisResult All() => {|#1:_db.Execute(""keys"", ""*"")|};");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithSeverity(DiagnosticSeverity.Info)
                    .WithMessage("'server.Keys' scans the keyspace in a loop: IServer.Keys pages through the whole keyspace with SCAN, so every call costs O(number of keys) round trips. Keep the keys you need in a set (SADD/SMEMBERS) and scan only in offline maintenance."),
                VerifyAnalyzer.Diagnostic(1).WithSeverity(DiagnosticSeverity.Info)
                    .WithMessage(@"'_db.Execute(""KEYS"", ...)' runs KEYS: KEYS walks every key in one command and blocks the server for every client while it runs. Keep the keys you need in a set (SADD/SMEMBERS) and scan only in offline maintenance."));
        }

        [Fact]
        public async Task ScansThatDeleteByPrefixOrClear_AreSuggestions_NotWarnings()
        {
            var source = RedisSources.Usings + @"
[ApiController]
public class CacheController : ControllerBase
{
    private readonly IConnectionMultiplexer _redis;
    public CacheController(IConnectionMultiplexer redis) => _redis = redis;

    [HttpPost]
    public IActionResult ClearCache(string prefix)
    {
        var server = _redis.GetServers()[0];
        var keys = {|#0:server.Keys(pattern: prefix + ""*"")|}.ToArray();
        return Ok(keys.Length);
    }

    [HttpPost]
    public async Task<IActionResult> Reload(string prefix)
    {
        var db = _redis.GetDatabase();
        await foreach (var key in {|#1:_redis.GetServers()[0].KeysAsync(pattern: prefix + ""*"")|})
        {
            await db.KeyDeleteAsync(key);
        }

        return Ok();
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                ToDelete(0).WithSeverity(DiagnosticSeverity.Info).WithMessage(
                    "'server.Keys' in 'ClearCache' pages through the whole keyspace with SCAN to find the keys to delete: every call costs O(number of keys) round trips, however few keys match. Keep the keys in an index set and delete its members, or keep this data in a separate database and flush it."),
                ToDelete(1).WithArguments("_redis.GetServers()[0].KeysAsync", "Reload", FindsKeysToDelete));
        }

        [Fact]
        public async Task ScanPerServer_IsOneScan_ReportedOnlyWhereItDeletes()
        {
            // A loop over the servers (or their endpoints) is one scan of the keyspace spread over its shards: a
            // method that lists keys is silent, one that deletes by prefix gets the suggestion, one that empties the
            // database key by key is told about FLUSHDB.
            var source = RedisSources.InService(@"
    private readonly List<IServer> _shards = new List<IServer>();

    public RedisKey[] ListKeys(string prefix)
    {
        var found = new List<RedisKey>();
        foreach (var shard in _shards)
        {
            found.AddRange(shard.Keys(pattern: prefix + ""*"", pageSize: 500));
        }

        return found.Distinct().ToArray();
    }

    public void DropTenant(string tenant)
    {
        foreach (var endpoint in _redis.GetEndPoints())
        {
            var server = _redis.GetServer(endpoint);
            var doomed = {|#0:server.Keys(pattern: $""tenant:{tenant}:*"")|}.ToArray();
            _db.KeyDelete(doomed);
        }
    }

    public async Task WipeAsync()
    {
        foreach (var endpoint in _redis.GetEndPoints())
        {
            var everything = {|#1:_redis.GetServer(endpoint).Keys(database: 2)|}.ToArray();
            await _db.KeyDeleteAsync(everything);
        }
    }

    public long CountPerPrefix(IEnumerable<string> prefixes)
    {
        long total = 0;
        foreach (var shard in _shards)
        {
            foreach (var prefix in prefixes)
            {
                total += {|#2:shard.Keys(pattern: prefix + ""*"")|}.LongCount();
            }
        }

        return total;
    }");
            await VerifyAnalyzer.AnalyzerAsync(source,
                ToDelete(0).WithArguments("server.Keys", "DropTenant", FindsKeysToDelete),
                ToDelete(1).WithArguments("_redis.GetServer(endpoint).Keys", "WipeAsync", DeletesEveryKey),
                VerifyAnalyzer.Diagnostic(2).WithArguments("'shard.Keys' scans the keyspace in a loop", Pages));
        }

        [Fact]
        public async Task KeysAsync_IsRecognisedLikeKeys()
        {
            var source = RedisSources.Usings + @"
[ApiController]
public class UsersController : ControllerBase
{
    [HttpGet]
    public async Task<IActionResult> Count(IServer server)
    {
        var n = 0;
        await foreach (var key in {|#0:server.KeysAsync(pattern: ""user:*"")|}) n++;
        return Ok(n);
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("'server.KeysAsync' scans the keyspace and loops over every matching key", Pages));
        }

        [Fact]
        public async Task LuaScriptsThatCallKeys_AreFlaggedLikeExecuteKeys()
        {
            var source = RedisSources.InService(@"
    private const string DeleteByPattern = ""for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) end"";

    public void DropAll(string pattern)
    {
        {|#0:_db.ScriptEvaluate(DeleteByPattern, values: new RedisValue[] { pattern })|};
        var prepared = {|#1:LuaScript.Prepare(""return redis.pcall( \""keys\"", @pattern)"")|};
        _db.ScriptEvaluate(prepared, new { pattern });
    }

    public RedisResult Get(string key) => _db.ScriptEvaluate(""return redis.call('GET', KEYS[1])"", new RedisKey[] { key });");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("'_db.ScriptEvaluate' runs a Lua script that calls KEYS", Blocks),
                VerifyAnalyzer.Diagnostic(1).WithArguments("'LuaScript.Prepare' runs a Lua script that calls KEYS", Blocks));
        }

        [Fact]
        public async Task MaintenanceCode_AndOneOffScans_AreNotFlagged()
        {
            var source = RedisSources.Usings + @"
public class CacheMaintenance
{
    public void Purge(IServer server, IDatabase db)
    {
        foreach (var key in server.Keys(pattern: ""tmp:*"")) db.KeyDelete(key);
    }
}

public class Report
{
    public int Count(IServer server) => server.Keys(pattern: ""user:*"").Count();
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }
    }
}
