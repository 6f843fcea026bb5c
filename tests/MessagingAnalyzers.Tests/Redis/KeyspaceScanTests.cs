using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
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
                VerifyAnalyzer.Diagnostic(0).WithArguments(@"'_db.Execute(""KEYS"", ...)' runs KEYS"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("'server.Keys' scans the keyspace and loops over every matching key"),
                VerifyAnalyzer.Diagnostic(2).WithArguments("'server.Keys' scans the keyspace on every request"),
                VerifyAnalyzer.Diagnostic(3).WithArguments("'server.Keys' scans the keyspace in a loop"));
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
