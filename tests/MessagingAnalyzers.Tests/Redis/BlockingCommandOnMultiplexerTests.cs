using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Redis.BlockingCommandOnMultiplexerAnalyzer>;

namespace MessagingAnalyzers.Tests.Redis
{
    public class BlockingCommandOnMultiplexerTests
    {
        [Fact]
        public async Task BlockingCommands_AreFlagged_OthersAreNot()
        {
            var source = RedisSources.InService(@"
    public async Task WaitAsync()
    {
        {|#0:_db.Execute(""BLPOP"", ""jobs"", 0)|};
        await {|#1:_db.ExecuteAsync(""brpoplpush"", ""jobs"", ""processing"", 5)|};
        {|#2:_db.Execute(""XREAD"", ""BLOCK"", 5000, ""STREAMS"", ""orders"", ""$"")|};
        _db.Execute(""XREAD"", ""COUNT"", 10, ""STREAMS"", ""orders"", ""0"");
        _db.Execute(""PING"");
    }");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("_db.Execute", "BLPOP"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("_db.ExecuteAsync", "BRPOPLPUSH"),
                VerifyAnalyzer.Diagnostic(2).WithArguments("_db.Execute", "XREAD ... BLOCK"));
        }
    }
}
