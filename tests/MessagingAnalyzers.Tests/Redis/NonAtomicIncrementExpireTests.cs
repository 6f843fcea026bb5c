using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Redis.NonAtomicIncrementExpireAnalyzer>;
using VerifyFix = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Redis.NonAtomicIncrementExpireAnalyzer, MessagingAnalyzers.CodeFixes.Redis.NonAtomicIncrementExpireCodeFix>;

namespace MessagingAnalyzers.Tests.Redis
{
    public class NonAtomicIncrementExpireTests
    {
        [Fact]
        public async Task IncrementThenExpireOfTheSameKey_IsFlagged_InTheFormsPeopleWrite()
        {
            var source = RedisSources.InService(@"
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private const string Prefix = ""rate:"";

    public bool AllowLocal(string ip)
    {
        var key = $""rate:{ip}"";
        var count = {|#0:_db.StringIncrement(key)|};
        if (count == 1) _db.KeyExpire(key, Window);
        return count <= 100;
    }

    public async Task<bool> AllowInterpolatedAsync(string ip)
    {
        var count = await {|#1:_db.StringIncrementAsync($""rate:{ip}"")|};
        await _db.KeyExpireAsync($""rate:{ip}"", Window);
        return count <= 100;
    }

    public void Concatenated(string user)
    {
        {|#2:_db.HashIncrement(Prefix + user, ""hits"")|};
        _db.KeyExpire(Prefix + user, TimeSpan.FromHours(1));
    }");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("_db.StringIncrement", "_db.KeyExpire"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("_db.StringIncrementAsync", "_db.KeyExpireAsync"),
                VerifyAnalyzer.Diagnostic(2).WithArguments("_db.HashIncrement", "_db.KeyExpire"));
        }

        [Fact]
        public async Task DifferentKeys_Transactions_AndScripts_AreNotFlagged()
        {
            var source = RedisSources.InService(@"
    public void Different(string a, string b)
    {
        _db.StringIncrement($""rate:{a}"");
        _db.KeyExpire($""rate:{b}"", TimeSpan.FromMinutes(1));
    }

    public async Task InTransactionAsync(string ip)
    {
        var tran = _db.CreateTransaction();
        _ = tran.StringIncrementAsync($""rate:{ip}"");
        _ = tran.KeyExpireAsync($""rate:{ip}"", TimeSpan.FromMinutes(1));
        await tran.ExecuteAsync();
    }

    public void Script(string ip) =>
        _db.ScriptEvaluate(""local c = redis.call('INCR', KEYS[1]) redis.call('EXPIRE', KEYS[1], 60) return c"", new RedisKey[] { $""rate:{ip}"" });");
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task Fix_UsesOneLuaScript()
        {
            var source = RedisSources.InService(@"
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public bool Allow(string ip)
    {
        var key = $""rate:{ip}"";
        var count = {|#0:_db.StringIncrement(key)|};
        if (count == 1)
        {
            _db.KeyExpire(key, Window);
        }

        return count <= 100;
    }

    public async Task<long> HitAsync(string page)
    {
        var hits = await {|#1:_db.StringIncrementAsync(""hits:"" + page, 5)|};
        await _db.KeyExpireAsync(""hits:"" + page, TimeSpan.FromHours(1));
        return hits;
    }");
            var fixedSource = RedisSources.InService(@"
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public bool Allow(string ip)
    {
        var key = $""rate:{ip}"";
        var count = (long)_db.ScriptEvaluate(""local count = redis.call('INCRBY', KEYS[1], ARGV[1]) if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return count"", new RedisKey[] { key }, new RedisValue[] { 1, (long)(Window).TotalMilliseconds });

        return count <= 100;
    }

    public async Task<long> HitAsync(string page)
    {
        var hits = (long)await _db.ScriptEvaluateAsync(""local count = redis.call('INCRBY', KEYS[1], ARGV[1]) redis.call('PEXPIRE', KEYS[1], ARGV[2]) return count"", new RedisKey[] { ""hits:"" + page }, new RedisValue[] { 5, (long)(TimeSpan.FromHours(1)).TotalMilliseconds });
        return hits;
    }");
            await VerifyFix.CodeFixAsync(source, fixedSource,
                VerifyFix.Diagnostic(0).WithArguments("_db.StringIncrement", "_db.KeyExpire"),
                VerifyFix.Diagnostic(1).WithArguments("_db.StringIncrementAsync", "_db.KeyExpireAsync"));
        }
    }
}
