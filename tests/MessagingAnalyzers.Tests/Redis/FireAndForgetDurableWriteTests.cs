using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Redis.FireAndForgetDurableWriteAnalyzer>;
using VerifyFix = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Redis.FireAndForgetDurableWriteAnalyzer, MessagingAnalyzers.CodeFixes.Redis.FireAndForgetDurableWriteCodeFix>;

namespace MessagingAnalyzers.Tests.Redis
{
    public class FireAndForgetDurableWriteTests
    {
        [Fact]
        public async Task DurableWritesFireAndForget_AreFlagged_AndTheFixRemovesTheFlag()
        {
            var source = RedisSources.InService(@"
    public void Write(string json, string token)
    {
        {|#0:_db.StreamAdd(""events"", ""payload"", json, flags: CommandFlags.FireAndForget)|};
        {|#1:_db.ListLeftPush(""jobs"", json, flags: CommandFlags.DemandMaster | CommandFlags.FireAndForget)|};
        {|#2:_db.LockRelease(""lock:x"", token, CommandFlags.FireAndForget)|};
    }");
            var fixedSource = RedisSources.InService(@"
    public void Write(string json, string token)
    {
        _db.StreamAdd(""events"", ""payload"", json);
        _db.ListLeftPush(""jobs"", json, flags: CommandFlags.DemandMaster);
        _db.LockRelease(""lock:x"", token);
    }");
            await VerifyFix.CodeFixAsync(source, fixedSource,
                VerifyFix.Diagnostic(0).WithArguments("_db.StreamAdd", "stream entry"),
                VerifyFix.Diagnostic(1).WithArguments("_db.ListLeftPush", "queue item"),
                VerifyFix.Diagnostic(2).WithArguments("_db.LockRelease", "lock operation"));
        }

        [Fact]
        public async Task CacheWritesAndCounters_AreNotFlagged()
        {
            var source = RedisSources.InService(@"
    public void Write(string json)
    {
        _db.StringSet(""cache:x"", json, TimeSpan.FromMinutes(1), flags: CommandFlags.FireAndForget);
        _db.StringIncrement(""hits"", flags: CommandFlags.FireAndForget);
        _db.StreamAdd(""events"", ""payload"", json);
    }");
            await VerifyAnalyzer.AnalyzerAsync(source);
        }
    }
}
