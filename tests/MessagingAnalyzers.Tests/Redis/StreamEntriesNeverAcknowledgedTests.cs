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

        [Fact]
        public async Task AStreamThatOnlyOtherStreamsAcknowledgmentsCover_IsFlagged_WithAMessageAboutThatStream()
        {
            var source = RedisSources.InService(@"
    public void Read()
    {
        var orders = _db.StreamReadGroup(""orders"", ""billing"", ""worker-1"", "">"", 10);
        foreach (var entry in orders) { Process(entry.Values[0].Value); _db.StreamAcknowledge(""orders"", ""billing"", entry.Id); }
        var audit = {|#0:_db.StreamReadGroup(""audit"", ""auditors"", ""worker-1"", "">"", 10)|};
        foreach (var entry in audit) Process(entry.Values[0].Value);
    }");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("'_db.StreamReadGroup' reads 'audit' with a consumer group, but nothing in the project acknowledges entries of that stream (StreamAcknowledge is called for other streams only)"));
        }

        [Fact]
        public async Task AcknowledgementsTheRuleCannotRuleOut_KeepItSilent()
        {
            // A key the rule cannot read, a raw XACK, a script that acknowledges: any of them may be the stream's.
            await VerifyAnalyzer.AnalyzerAsync(RedisSources.InService(@"
    public StreamEntry[] Read() => _db.StreamReadGroup(""orders"", ""billing"", ""worker-1"", "">"", 10);
    public void Done(RedisKey stream, StreamEntry entry) => _db.StreamAcknowledge(stream, ""billing"", entry.Id);"));
            await VerifyAnalyzer.AnalyzerAsync(RedisSources.InService(@"
    public StreamEntry[] Read() => _db.StreamReadGroup(""orders"", ""billing"", ""worker-1"", "">"", 10);
    public void Done(StreamEntry entry) => _db.Execute(""XACK"", ""orders"", ""billing"", entry.Id.ToString());"));
            await VerifyAnalyzer.AnalyzerAsync(RedisSources.InService(@"
    public StreamEntry[] Read() => _db.StreamReadGroup(""orders"", ""billing"", ""worker-1"", "">"", 10);
    public void Done(StreamEntry entry) =>
        _db.ScriptEvaluate(""redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) return redis.call('XDEL', KEYS[1], ARGV[2])"", new RedisKey[] { ""orders"" }, new RedisValue[] { ""billing"", entry.Id });"));
        }

        [Fact]
        public async Task AnAcknowledgementThatDidNotBind_KeepsItSilent()
        {
            await VerifyAnalyzer.AnalyzerAsync(RedisSources.InService(@"
    public StreamEntry[] Read() => _db.StreamReadGroup(""orders"", ""billing"", ""worker-1"", "">"", 10);
    public void Done(StreamEntry entry) => _db.{|CS1501:StreamAcknowledge|}(""other"", ""billing"", entry.Id, 1, 2, 3, 4, 5, 6);"));
        }
    }
}
