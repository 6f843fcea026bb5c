using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Redis.UnsafeLockAnalyzer>;
using VerifyFix = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Redis.UnsafeLockAnalyzer, MessagingAnalyzers.CodeFixes.Redis.UnsafeLockCodeFix>;

namespace MessagingAnalyzers.Tests.Redis
{
    public class UnsafeLockTests
    {
        [Fact]
        public async Task UnsafeLocks_AreFlagged()
        {
            var source = RedisSources.InService(@"
    private static readonly string Owner = ""worker"";

    public void Forever(string token)
    {
        if ({|#0:_db.LockTake(""lock:report"", token, TimeSpan.MaxValue)|})
        {
            try { Process(""x""); } finally { _db.LockRelease(""lock:report"", token); }
        }
    }

    public void SharedToken()
    {
        if ({|#1:_db.LockTake(""lock:report"", Owner, TimeSpan.FromSeconds(30))|})
        {
            try { Process(""x""); } finally { _db.LockRelease(""lock:report"", Owner); }
        }
    }

    public void NoFinally(string token)
    {
        if (_db.LockTake(""lock:report"", token, TimeSpan.FromSeconds(30)))
        {
            Process(""x"");
            {|#2:_db.LockRelease(""lock:report"", token)|};
        }
    }

    public void HandRolled(string token)
    {
        if ({|#3:_db.StringSet(""lock:import"", token)|})
        {
            {|#4:_db.KeyDelete(""lock:import"")|};
        }
    }");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("_db.LockTake", "takes the lock with an infinite expiry, so a crashed owner holds it forever"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("_db.LockTake", "uses the constant token Owner for every caller, so one owner can release another's lock"),
                VerifyAnalyzer.Diagnostic(2).WithArguments("_db.LockRelease", "releases the lock outside a finally block, so an exception leaves it held until it expires"),
                VerifyAnalyzer.Diagnostic(3).WithArguments("_db.StringSet", "sets a lock key without When.NotExists, so a second owner overwrites the first one's lock"),
                VerifyAnalyzer.Diagnostic(4).WithArguments("_db.KeyDelete", "deletes the lock key without checking the owner's token, so it can release another owner's lock"));
        }

        [Fact]
        public async Task SafeLocks_AreNotFlagged()
        {
            var source = RedisSources.InService(@"
    private readonly string _token = Guid.NewGuid().ToString();

    public async Task RunAsync()
    {
        var token = Guid.NewGuid().ToString();
        if (await _db.LockTakeAsync(""lock:report"", token, TimeSpan.FromSeconds(30)))
        {
            try { Process(""x""); }
            finally { await _db.LockReleaseAsync(""lock:report"", token); }
        }
    }

    public bool Acquire() => _db.LockTake(""lock:job"", _token, TimeSpan.FromMinutes(1));
    public void Release() => _db.LockRelease(""lock:job"", _token);

    public bool HandRolled(string token) => _db.StringSet(""lock:import"", token, TimeSpan.FromSeconds(30), When.NotExists);

    public void Unlock(string token)
    {
        if (_db.StringGet(""lock:import"") == token) _db.KeyDelete(""lock:import"");
    }

    public void Cache(string json) => _db.StringSet(""report:latest"", json);");
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task Fix_UsesAFiniteExpiry()
        {
            var source = RedisSources.InService(@"
    public bool Acquire(string token) => {|#0:_db.LockTake(""lock:report"", token, TimeSpan.MaxValue)|};");
            var fixedSource = RedisSources.InService(@"
    public bool Acquire(string token) => _db.LockTake(""lock:report"", token, TimeSpan.FromSeconds(30));");
            await VerifyFix.CodeFixAsync(source, fixedSource, VerifyFix.Diagnostic(0).WithArguments("_db.LockTake", "takes the lock with an infinite expiry, so a crashed owner holds it forever"));
        }
    }
}
