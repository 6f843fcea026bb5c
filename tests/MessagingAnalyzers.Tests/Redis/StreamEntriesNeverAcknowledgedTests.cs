using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Redis.StreamEntriesNeverAcknowledgedAnalyzer>;

namespace MessagingAnalyzers.Tests.Redis
{
    public class StreamEntriesNeverAcknowledgedTests
    {
        [Fact]
        public async Task ReadGroupWithoutAnyAcknowledge_AndNoAck_AreFlagged()
        {
            var source = RedisSources.InService(@"
    public void Read()
    {
        var entries = {|#0:_db.StreamReadGroup(""orders"", ""billing"", ""worker-1"", "">"", 10)|};
        foreach (var entry in entries) Process(entry.Values[0].Value);
        var fast = {|#1:_db.StreamReadGroup(""orders"", ""audit"", ""worker-1"", "">"", 10, noAck: true)|};
    }");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("'_db.StreamReadGroup' reads with a consumer group, but nothing in the project calls StreamAcknowledge"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("'_db.StreamReadGroup' reads with noAck: true, so entries are never pending and a crash loses them"));
        }

        [Fact]
        public async Task AcknowledgedSomewhere_IsNotFlagged()
        {
            var source = RedisSources.InService(@"
    public StreamEntry[] Read() => _db.StreamReadGroup(""orders"", ""billing"", ""worker-1"", "">"", 10);

    public void Done(StreamEntry entry) => _db.StreamAcknowledge(""orders"", ""billing"", entry.Id);");
            await VerifyAnalyzer.AnalyzerAsync(source);
        }
    }
}
