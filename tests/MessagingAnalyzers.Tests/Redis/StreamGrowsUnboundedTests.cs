using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
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
                VerifyFix.Diagnostic(0).WithArguments("_db.StreamAdd", "the stream", Grows),
                VerifyFix.Diagnostic(1).WithArguments("_db.StreamAddAsync", "the stream", Grows));
        }

        private const string Grows = "the stream grows until Redis runs out of memory. Pass maxLength (with useApproximateMaxLength: true), or trim it with StreamTrim";

        private const string DeadLetter = "a dead-letter stream keeps its failed entries on purpose, so its retention is deliberate, but nothing removes them once they are handled and it grows without bound. Cap it with a generous maxLength, or delete entries (StreamDelete) once they are replayed or inspected";

        [Fact]
        public async Task StreamsDeletedOrEmptiedInTheSameType_AreBounded()
        {
            var source = RedisSources.InService(@"
    public void Append(string session, string json) => _db.StreamAdd($""session:{session}:events"", ""payload"", json);
    public void End(string session) => _db.KeyDelete($""session:{session}:events"");

    public void Record(string json) => _db.StreamAdd(""audit"", ""payload"", json);
    public void Handled(RedisValue id)
    {
        _db.StreamAcknowledge(""audit"", ""auditors"", id);
        _db.StreamDelete(""audit"", new[] { id });
    }

    public void Job(string id, string json) => _db.StreamAdd(""jobs:"" + id, ""payload"", json);
    public void Forget(IEnumerable<string> ids) => _db.KeyDelete(ids.Select(i => (RedisKey)(""jobs:"" + i)).ToArray());

    public void Evict(string user) => _db.KeyDelete(""cache:"" + user);") + @"

public class Events
{
    private readonly IDatabase _db;
    public Events(IDatabase db) => _db = db;
    public void Append(string json) => {|#0:_db.StreamAdd(""events"", ""payload"", json)|};
    public void Evict(string user) => _db.KeyDelete(""cache:"" + user);
    public void EndSession(string session) => _db.KeyDelete($""session:{session}:events"");
}";
            await VerifyAnalyzer.AnalyzerAsync(source, new VerifyOptions { CompilationEndDiagnostics = true },
                VerifyAnalyzer.Diagnostic(0).WithArguments("_db.StreamAdd", "the stream", Grows));
        }

        [Fact]
        public async Task DeadLetterStreams_SayRetentionIsDeliberate()
        {
            var source = RedisSources.InService(@"
    private readonly RedisKey _deadLetters = ""orders-dead-letters"";
    private static readonly RedisKey FailedOrders = new RedisKey(""orders"").Append("":failures"");

    public void Park(string json) => {|#0:_db.StreamAdd(""orders:dlq"", ""payload"", json)|};
    public void Park2(string json) => {|#1:_db.StreamAdd(_deadLetters, ""payload"", json)|};
    public void Park3(string json) => {|#2:_db.StreamAdd(FailedOrders, ""payload"", json)|};");
            await VerifyAnalyzer.AnalyzerAsync(source, new VerifyOptions { CompilationEndDiagnostics = true },
                VerifyAnalyzer.Diagnostic(0).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Info).WithArguments("_db.StreamAdd", "the dead-letter stream 'orders:dlq'", DeadLetter),
                VerifyAnalyzer.Diagnostic(1).WithArguments("_db.StreamAdd", "the dead-letter stream 'orders-dead-letters'", DeadLetter),
                VerifyAnalyzer.Diagnostic(2).WithArguments("_db.StreamAdd", "the dead-letter stream 'FailedOrders'", DeadLetter));
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

        [Fact]
        public async Task BootstrapEntryAddedOnlyWhenTheKeyIsMissing_IsNotFlagged()
        {
            // One entry, once, so that the consumer group can be created on an existing stream.
            await VerifyAnalyzer.AnalyzerAsync(RedisSources.InService(@"
    public async Task PrepareAsync(string stream)
    {
        var present = await _db.KeyExistsAsync(stream);
        if (!present)
        {
            await _db.StreamAddAsync(stream, ""init"", ""1"");
        }

        await _db.StreamCreateConsumerGroupAsync(stream, ""billing"", StreamPosition.NewMessages);
    }

    public void Prepare(string stream)
    {
        if (_db.KeyExists(stream) == false) _db.StreamAdd(stream, ""init"", ""1"");
    }"));
        }

        [Fact]
        public async Task ConsoleDemoAddingAFixedNumberOfEntries_IsNotFlagged_AnEndlessProducerIs()
        {
            var demo = RedisSources.Usings + @"
var db = ConnectionMultiplexer.Connect(""localhost"").GetDatabase();
for (var n = 0; n < 25; n++)
{
    db.StreamAdd(""demo:readings"", ""value"", n);
}
";
            await VerifyAnalyzer.AnalyzerAsync(demo, new VerifyOptions { OutputKind = OutputKind.ConsoleApplication });

            var endless = RedisSources.Usings + @"
var db = ConnectionMultiplexer.Connect(""localhost"").GetDatabase();
while (true)
{
    {|#0:db.StreamAdd(""demo:readings"", ""value"", DateTime.UtcNow.Ticks)|};
    await Task.Delay(1000);
}
";
            await VerifyAnalyzer.AnalyzerAsync(endless, new VerifyOptions { OutputKind = OutputKind.ConsoleApplication },
                VerifyAnalyzer.Diagnostic(0).WithArguments("db.StreamAdd", "the stream", Grows));
        }

        [Fact]
        public async Task AddsOutsideTheKeyExistsGuard_AreStillFlagged()
        {
            var source = RedisSources.InService(@"
    public void Append(string stream, string json)
    {
        if (!_db.KeyExists(stream))
        {
            _db.StreamAdd(stream, ""init"", ""1"");
        }

        {|#0:_db.StreamAdd(stream, ""payload"", json)|};
    }");
            await VerifyAnalyzer.AnalyzerAsync(source, VerifyAnalyzer.Diagnostic(0).WithArguments("_db.StreamAdd", "the stream", Grows));
        }

        [Fact]
        public async Task Fix_CapsEntryArraysAndCallsWithOtherArguments()
        {
            var source = RedisSources.InService(@"
    public async Task<RedisValue> RecordAsync(NameValueEntry[] fields)
    {
        await {|#0:_db.StreamAddAsync(""audit"", fields, flags: CommandFlags.DemandMaster)|};
        return await {|#1:_db.StreamAddAsync(""audit"", fields)|};
    }");
            var fixedSource = RedisSources.InService(@"
    public async Task<RedisValue> RecordAsync(NameValueEntry[] fields)
    {
        await _db.StreamAddAsync(""audit"", fields, flags: CommandFlags.DemandMaster, maxLength: 100_000, useApproximateMaxLength: true);
        return await _db.StreamAddAsync(""audit"", fields, maxLength: 100_000, useApproximateMaxLength: true);
    }");
            await VerifyFix.CodeFixAsync(source, fixedSource, new VerifyOptions { CompilationEndDiagnostics = true },
                VerifyFix.Diagnostic(0).WithArguments("_db.StreamAddAsync", "the stream", Grows),
                VerifyFix.Diagnostic(1).WithArguments("_db.StreamAddAsync", "the stream", Grows));
        }
    }
}
