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
                VerifyAnalyzer.Diagnostic(0).WithArguments("_db.StringIncrement", "_db.KeyExpire", Limiter),
                VerifyAnalyzer.Diagnostic(1).WithArguments("_db.StringIncrementAsync", "_db.KeyExpireAsync", Limiter),
                VerifyAnalyzer.Diagnostic(2).WithArguments("_db.HashIncrement", "_db.KeyExpire", Limiter));
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
        var count = (long)_db.ScriptEvaluate(""local count = redis.call('INCRBY', KEYS[1], ARGV[1]) if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return count"", new RedisKey[] { key }, new RedisValue[] { 1, (long)Window.TotalMilliseconds });

        return count <= 100;
    }

    public async Task<long> HitAsync(string page)
    {
        var hits = (long)await _db.ScriptEvaluateAsync(""local count = redis.call('INCRBY', KEYS[1], ARGV[1]) redis.call('PEXPIRE', KEYS[1], ARGV[2]) return count"", new RedisKey[] { ""hits:"" + page }, new RedisValue[] { 5, (long)TimeSpan.FromHours(1).TotalMilliseconds });
        return hits;
    }");
            await VerifyFix.CodeFixAsync(source, fixedSource,
                VerifyFix.Diagnostic(0).WithArguments("_db.StringIncrement", "_db.KeyExpire", Limiter),
                VerifyFix.Diagnostic(1).WithArguments("_db.StringIncrementAsync", "_db.KeyExpireAsync", ""));
        }

        private const string Limiter = " (and a rate limiter counting on it keeps refusing the client for good)";

        [Fact]
        public async Task Fix_DoesNotCastACountNobodyReads()
        {
            var source = RedisSources.InService(@"
    public async Task SeenAsync(string article)
    {
        await {|#0:_db.StringIncrementAsync(""seen:"" + article)|};
        await _db.KeyExpireAsync(""seen:"" + article, TimeSpan.FromDays(7));
    }");
            var fixedSource = RedisSources.InService(@"
    public async Task SeenAsync(string article)
    {
        await _db.ScriptEvaluateAsync(""local count = redis.call('INCRBY', KEYS[1], ARGV[1]) redis.call('PEXPIRE', KEYS[1], ARGV[2]) return count"", new RedisKey[] { ""seen:"" + article }, new RedisValue[] { 1, (long)TimeSpan.FromDays(7).TotalMilliseconds });
    }");
            await VerifyFix.CodeFixAsync(source, fixedSource,
                VerifyFix.Diagnostic(0).WithArguments("_db.StringIncrementAsync", "_db.KeyExpireAsync", ""));
        }

        [Fact]
        public async Task Message_SpeaksOfARateLimiter_OnlyWhereTheKeyOrMethodSaysItLimits()
        {
            var source = RedisSources.InService(@"
    public async Task CountViewAsync(string page)
    {
        await {|#0:_db.StringIncrementAsync($""views:{page}"")|};
        await _db.KeyExpireAsync($""views:{page}"", TimeSpan.FromDays(1));
    }

    public bool Throttle(string user)
    {
        var n = {|#1:_db.StringIncrement($""calls:{user}"")|};
        _db.KeyExpire($""calls:{user}"", TimeSpan.FromSeconds(1));
        return n > 10;
    }

    public void Hit(string client)
    {
        {|#2:_db.HashIncrement($""quota:{client}"", ""requests"")|};
        _db.KeyExpire($""quota:{client}"", TimeSpan.FromHours(1));
    }");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithMessage("'_db.StringIncrementAsync' and '_db.KeyExpireAsync' on the same key are separate commands: if the process stops between them, or the expire fails, the counter may never expire. Do both in one Lua script with ScriptEvaluate."),
                VerifyAnalyzer.Diagnostic(1).WithMessage("'_db.StringIncrement' and '_db.KeyExpire' on the same key are separate commands: if the process stops between them, or the expire fails, the counter may never expire (and a rate limiter counting on it keeps refusing the client for good). Do both in one Lua script with ScriptEvaluate."),
                VerifyAnalyzer.Diagnostic(2).WithArguments("_db.HashIncrement", "_db.KeyExpire", Limiter));
        }
    }
}
