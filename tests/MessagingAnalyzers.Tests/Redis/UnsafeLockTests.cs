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

        [Fact]
        public async Task SetNxLockWithASharedValue_ReleasedByKeyDelete_IsFlagged()
        {
            var source = RedisSources.InService(@"
    public async Task RunJobAsync(string job)
    {
        var key = $""job:{job}:running"";
        if (!await _db.StringSetAsync(key, ""1"", TimeSpan.FromMinutes(5), When.NotExists))
        {
            return;
        }

        try { Process(job); }
        finally { await {|#0:_db.KeyDeleteAsync(key)|}; }
    }

    public void Import(string file)
    {
        if (_db.StringSet(""import:"" + file, Environment.MachineName, TimeSpan.FromMinutes(1), When.NotExists))
        {
            try { Process(file); } finally { {|#1:_db.KeyDelete(""import:"" + file)|}; }
        }
    }

    public void Stamp(string id)
    {
        if (_db.StringSet($""sync:{id}"", DateTime.UtcNow.Ticks, TimeSpan.FromSeconds(30), When.NotExists))
        {
            Process(id);
            {|#2:_db.KeyDelete($""sync:{id}"")|};
        }
    }");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("_db.KeyDeleteAsync", @"deletes the lock '_db.StringSetAsync' took with the value ""1"", the same for every owner, without comparing the token, so it can release another owner's lock"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("_db.KeyDelete", "deletes the lock '_db.StringSet' took with the value Environment.MachineName, the same for every owner, without comparing the token, so it can release another owner's lock"),
                VerifyAnalyzer.Diagnostic(2).WithArguments("_db.KeyDelete", "deletes the lock '_db.StringSet' took with the value DateTime.UtcNow.Ticks, the same for every owner, without comparing the token, so it can release another owner's lock"));
        }

        [Fact]
        public async Task SetNxWithAUniqueTokenOrACheckedRelease_AndOtherDeletes_AreNotFlagged()
        {
            var source = RedisSources.InService(@"
    public async Task UniqueAsync(string job)
    {
        var token = Guid.NewGuid().ToString();
        if (await _db.StringSetAsync($""job:{job}"", token, TimeSpan.FromMinutes(5), When.NotExists))
        {
            try { Process(job); }
            finally { await _db.KeyDeleteAsync($""job:{job}""); }
        }
    }

    public void Checked(string job)
    {
        if (_db.StringSet($""job:{job}"", ""1"", TimeSpan.FromMinutes(5), When.NotExists))
        {
            try { Process(job); }
            finally { if (_db.StringGet($""job:{job}"") == ""1"") _db.KeyDelete($""job:{job}""); }
        }
    }

    public void OtherKey(string job)
    {
        if (_db.StringSet($""job:{job}"", ""1"", TimeSpan.FromMinutes(5), When.NotExists))
        {
            _db.KeyDelete($""cache:{job}"");
        }
    }

    public void Overwrite(string job)
    {
        _db.StringSet($""state:{job}"", ""done"", TimeSpan.FromMinutes(5));
        _db.KeyDelete($""state:{job}"");
    }");
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task ReleaseScriptsThatDeleteWithoutComparing_AreFlagged()
        {
            var source = RedisSources.InService(@"
    private const string UnlockScript = ""return redis.call('DEL', KEYS[1])"";
    private const string SafeUnlockScript = ""if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end"";

    public void Unlock(string name) => {|#0:_db.ScriptEvaluate(UnlockScript, new RedisKey[] { name })|};

    public void Done(string name, string token) =>
        {|#1:_db.ScriptEvaluate(""if redis.call('exists', KEYS[1]) then redis.call('del', KEYS[1]) end"", new RedisKey[] { $""lock:{name}"" })|};

    public void SafeUnlock(string name, string token) => _db.ScriptEvaluate(SafeUnlockScript, new RedisKey[] { name }, new RedisValue[] { token });

    public void ClearCache(string name) => _db.ScriptEvaluate(""return redis.call('DEL', KEYS[1])"", new RedisKey[] { $""cache:{name}"" });");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("_db.ScriptEvaluate", "runs a release script that deletes the lock without comparing the owner's token, so it can release another owner's lock"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("_db.ScriptEvaluate", "runs a release script that deletes the lock without comparing the owner's token, so it can release another owner's lock"));
        }

        [Fact]
        public async Task TestCode_IsNotFlagged()
        {
            await VerifyAnalyzer.AnalyzerAsync(RedisSources.Usings + TestAttributes.Source + @"
public class LockTests
{
    [Xunit.Fact]
    public void SecondOwnerCannotTakeTheLock()
    {
        using var mux = ConnectionMultiplexer.Connect(""localhost"");
        var db = mux.GetDatabase();
        db.LockTake(""lock:test"", ""owner"", TimeSpan.MaxValue);
        db.StringSet(""lock:other"", ""x"");
        db.KeyDelete(""lock:test"");
        db.KeyDelete(""lock:other"");
    }
}");
        }
    }
}
