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
        public async Task LeaseHandedToTheCaller_ReleasedEarlyOnlyWhenGivingUp_IsNotFlagged()
        {
            var source = RedisSources.Usings + @"
public sealed class SlotPath
{
    public SlotPath(string queue) { Queue = queue; Guard = ""guard:"" + queue; }
    public string Queue { get; }
    public string Guard { get; }
}

public sealed class Claim
{
    public Claim(SlotPath path, RedisValue item, string? owner) { Path = path; Item = item; Owner = owner; }
    public SlotPath Path { get; }
    public RedisValue Item { get; }
    public string? Owner { get; }
}

public sealed class Ticket
{
    public string Key { get; set; } = """";
    public string Owner { get; set; } = """";
}

public sealed class Dispatcher
{
    private readonly IDatabase _db;
    private string? _held;

    public Dispatcher(IDatabase db) => _db = db;

    public Claim? Next(string queue, TimeSpan lease)
    {
        var path = new SlotPath(queue);
        var owner = Guid.NewGuid().ToString(""N"");
        if (!_db.LockTake(path.Guard, owner, lease))
        {
            return null;
        }

        var item = _db.ListRightPop(path.Queue);
        if (item.IsNull)
        {
            _db.LockRelease(path.Guard, owner);
            owner = null;
        }

        return new Claim(path, item, owner);
    }

    public string? Reserve(string key)
    {
        var owner = Guid.NewGuid().ToString();
        if (!_db.LockTake(key, owner, TimeSpan.FromMinutes(2))) return null;
        if (_db.KeyExists(""paused"")) { _db.LockRelease(key, owner); return null; }
        return owner;
    }

    public bool TryReserve(string key, out string owner)
    {
        var candidate = Guid.NewGuid().ToString();
        owner = """";
        if (!_db.LockTake(key, candidate, TimeSpan.FromMinutes(2))) return false;
        if (_db.KeyExists(""paused"")) { _db.LockRelease(key, candidate); return false; }
        owner = candidate;
        return true;
    }

    public async Task<Ticket?> IssueAsync(string key)
    {
        var owner = Guid.NewGuid().ToString();
        if (!await _db.LockTakeAsync(key, owner, TimeSpan.FromSeconds(90))) return null;
        if (await _db.KeyExistsAsync(""paused"")) { await _db.LockReleaseAsync(key, owner); return null; }
        var ticket = new Ticket { Key = key, Owner = owner };
        return ticket;
    }

    public void Hold(string key)
    {
        var owner = Guid.NewGuid().ToString();
        if (!_db.LockTake(key, owner, TimeSpan.FromMinutes(5))) return;
        if (_db.KeyExists(""paused"")) { _db.LockRelease(key, owner); return; }
        _held = owner;
    }

    public void Drop(string key)
    {
        if (_held is not null) _db.LockRelease(key, _held);
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task LockReleasedOutsideFinally_WhenTheTokenStaysInTheMethod_IsStillFlagged()
        {
            var source = RedisSources.Usings + @"
public sealed class Receipt
{
    public Receipt(string owner) => Owner = owner;
    public string Owner { get; }
}

public sealed class Nightly
{
    private readonly IDatabase _db;
    private readonly string _instance = Guid.NewGuid().ToString();

    public Nightly(IDatabase db) => _db = db;

    public bool Run(string key)
    {
        var owner = Guid.NewGuid().ToString();
        if (!_db.LockTake(key, owner, TimeSpan.FromMinutes(1))) return false;
        var receipt = new Receipt(owner);
        Console.WriteLine(receipt.Owner + owner);
        _db.ListRightPop(""jobs"");
        {|#0:_db.LockRelease(key, owner)|};
        return true;
    }

    public int Count(string key)
    {
        if (!_db.LockTake(key, _instance, TimeSpan.FromMinutes(1))) return 0;
        var length = (int)_db.ListLength(""jobs"");
        {|#1:_db.LockRelease(key, _instance)|};
        return length;
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("_db.LockRelease", "releases the lock outside a finally block, so an exception leaves it held until it expires"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("_db.LockRelease", "releases the lock outside a finally block, so an exception leaves it held until it expires"));
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
