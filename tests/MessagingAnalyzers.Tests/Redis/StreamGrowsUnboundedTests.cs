using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Redis.StreamGrowsUnboundedAnalyzer>;
using VerifyFix = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Redis.StreamGrowsUnboundedAnalyzer, MessagingAnalyzers.CodeFixes.Redis.StreamGrowsUnboundedCodeFix>;

namespace MessagingAnalyzers.Tests.Redis
{
    public class StreamGrowsUnboundedTests
    {
        [Fact]
        public async Task UncappedAdds_AreFlagged_AndTheFixCapsThem()
        {
            var source = RedisSources.InService(@"
    public async Task AppendAsync(string json)
    {
        {|#0:_db.StreamAdd(""events"", ""payload"", json)|};
        await {|#1:_db.StreamAddAsync(""events"", ""payload"", json)|};
    }");
            var fixedSource = RedisSources.InService(@"
    public async Task AppendAsync(string json)
    {
        _db.StreamAdd(""events"", ""payload"", json, maxLength: 100_000, useApproximateMaxLength: true);
        await _db.StreamAddAsync(""events"", ""payload"", json, maxLength: 100_000, useApproximateMaxLength: true);
    }");
            await VerifyFix.CodeFixAsync(source, fixedSource, new VerifyOptions { CompilationEndDiagnostics = true },
                VerifyFix.Diagnostic(0).WithArguments("_db.StreamAdd"),
                VerifyFix.Diagnostic(1).WithArguments("_db.StreamAddAsync"));
        }

        [Fact]
        public async Task CappedOrTrimmedStreams_AreNotFlagged()
        {
            await VerifyAnalyzer.AnalyzerAsync(RedisSources.InService(@"
    public void Append(string json) => _db.StreamAdd(""events"", ""payload"", json, maxLength: 1000, useApproximateMaxLength: true);"));
            await VerifyAnalyzer.AnalyzerAsync(RedisSources.InService(@"
    public void Append(string json) => _db.StreamAdd(""events"", ""payload"", json);
    public void Trim() => _db.StreamTrim(""events"", 1000, useApproximateMaxLength: true);"));
        }
    }
}
