using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.OffsetStoredBeforeProcessingAnalyzer>;
using VerifyFix = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.OffsetStoredBeforeProcessingAnalyzer, MessagingAnalyzers.CodeFixes.Kafka.OffsetStoredBeforeProcessingCodeFix>;

namespace MessagingAnalyzers.Tests.Kafka
{
    public class OffsetStoredBeforeProcessingTests
    {
        private const string AutoStore = "This config leaves EnableAutoOffsetStore on, so '_consumer.Consume' stores each offset before the loop processes the message";

        private static string Worker(string config, string loopBody) => KafkaSources.Usings + @"
class Worker
{
    private readonly IConsumer<string, string> _consumer;
    public Worker() => _consumer = new ConsumerBuilder<string, string>(" + config + @").Build();
    private Task HandleAsync(ConsumeResult<string, string> r) => Task.CompletedTask;
    private static string Transform(string value) => value.ToUpperInvariant();

    public async Task RunAsync(CancellationToken ct)
    {
        await Task.Yield();
        while (!ct.IsCancellationRequested)
        {
            var result = _consumer.Consume(ct);
" + loopBody + @"
        }
    }
}";

        [Fact]
        public async Task DefaultAutoStoreWithProcessing_AndEarlyCommit_AreFlagged()
        {
            await VerifyAnalyzer.AnalyzerAsync(
                Worker(@"{|#0:new ConsumerConfig { GroupId = ""g"" }|}", "            await HandleAsync(result);"),
                VerifyAnalyzer.Diagnostic(0).WithArguments(AutoStore));

            await VerifyAnalyzer.AnalyzerAsync(
                Worker(@"new ConsumerConfig { GroupId = ""g"", EnableAutoCommit = false }", @"            {|#0:_consumer.Commit(result)|};
            await HandleAsync(result);"),
                VerifyAnalyzer.Diagnostic(0).WithArguments("'_consumer.Commit' commits 'result' before it is processed"));
        }

        [Fact]
        public async Task CommitThatSkipsAnUnreadableMessage_IsNotAnEarlyCommit()
        {
            // The commit marks a message that will never be processed, and the iteration ends right after it.
            await VerifyAnalyzer.AnalyzerAsync(
                Worker(@"new ConsumerConfig { GroupId = ""g"", EnableAutoCommit = false }", """
            if (string.IsNullOrEmpty(result.Message.Value))
            {
                _consumer.Commit(result);
                continue;
            }

            await HandleAsync(result);
            _consumer.Commit(result);
"""));
        }

        [Fact]
        public async Task LoggingTheCommittedOffset_IsNotProcessing()
        {
            await VerifyAnalyzer.AnalyzerAsync(
                Worker(@"new ConsumerConfig { GroupId = ""g"", EnableAutoCommit = false }", """
            await HandleAsync(result);
            _consumer.Commit(result);
            Console.WriteLine($"committed {result.TopicPartitionOffset}");
"""));
        }

        [Fact]
        public async Task AssignOnlyConsumer_ReadsFromOffsetsItChooses_AndIsNotFlagged()
        {
            var source = KafkaSources.Usings + """
class Reloader
{
    private readonly Dictionary<string, string> _state = new();

    public void Reload(TopicPartition partition)
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { GroupId = "reload" }).Build();
        consumer.Assign(new TopicPartitionOffset(partition, Offset.Beginning));
        while (true)
        {
            var result = consumer.Consume(TimeSpan.FromSeconds(1));
            if (result is null)
            {
                break;
            }

            _state[result.Message.Key] = Describe(result.Message.Value);
        }
    }

    private static string Describe(string value) => value.Trim();
}
""";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task ManualStoreOrCommitAfterProcessing_AreNotFlagged()
        {
            await VerifyAnalyzer.AnalyzerAsync(Worker(@"new ConsumerConfig { GroupId = ""g"", EnableAutoOffsetStore = false }", @"            await HandleAsync(result);
            _consumer.StoreOffset(result);"));
            await VerifyAnalyzer.AnalyzerAsync(Worker(@"new ConsumerConfig { GroupId = ""g"", EnableAutoCommit = false }", @"            await HandleAsync(result);
            _consumer.Commit(result);"));
            await VerifyAnalyzer.AnalyzerAsync(Worker(@"new ConsumerConfig { GroupId = ""g"" }", @"            _consumer.StoreOffset(result);"));
        }

        [Fact]
        public async Task ALoopThatOnlyLogsWhatItReads_IsNotFlagged()
        {
            // The client's own consumer example: nothing after Consume can fail but the log line.
            await VerifyAnalyzer.AnalyzerAsync(Worker(@"new ConsumerConfig { GroupId = ""g"" }", @"            Console.WriteLine($""Consumed '{result.Message.Value}' at '{result.TopicPartitionOffset}'"");"));

            // A call inside the log line is processing.
            await VerifyAnalyzer.AnalyzerAsync(
                Worker(@"{|#0:new ConsumerConfig { GroupId = ""g"" }|}", @"            Console.WriteLine(Transform(result.Message.Value));"),
                VerifyAnalyzer.Diagnostic(0).WithArguments(AutoStore));
        }

        [Fact]
        public async Task CommitAfterProcessing_WithTheResultUsedInACatchOfTheSameTry_IsNotFlagged()
        {
            // The catch runs only when the try failed, so its work on the result does not come after the commit.
            await VerifyAnalyzer.AnalyzerAsync(KafkaSources.Usings + @"
class Worker
{
    private readonly IConsumer<string, string> _consumer;
    private readonly IProducer<string, string> _dlq;
    public Worker(IProducer<string, string> dlq) { _dlq = dlq; _consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { GroupId = ""g"", EnableAutoCommit = false }).Build(); }
    private void Handle(ConsumeResult<string, string> r) { }

    public void Run(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            ConsumeResult<string, string>? result = null;
            try
            {
                result = _consumer.Consume(ct);
                Handle(result);
                _consumer.Commit(result);
            }
            catch (Exception)
            {
                if (result is not null)
                {
                    _dlq.Produce(""orders.dlq"", new Message<string, string> { Key = result.Message.Key, Value = result.Message.Value }, r => { });
                    _consumer.Commit(result);
                }
            }
        }
    }
}");

            // Work on the result after the try statement still comes after the commit.
            await VerifyAnalyzer.AnalyzerAsync(Worker(@"new ConsumerConfig { GroupId = ""g"", EnableAutoCommit = false }", @"            try
            {
                {|#0:_consumer.Commit(result)|};
            }
            catch (KafkaException)
            {
            }

            await HandleAsync(result);"),
                VerifyAnalyzer.Diagnostic(0).WithArguments("'_consumer.Commit' commits 'result' before it is processed"));
        }

        [Fact]
        public async Task Fix_StoresTheOffsetAfterProcessing()
        {
            await VerifyFix.CodeFixAsync(
                Worker(@"{|#0:new ConsumerConfig { GroupId = ""g"" }|}", "            await HandleAsync(result);"),
                Worker(@"new ConsumerConfig { GroupId = ""g"", EnableAutoOffsetStore = false }", @"            await HandleAsync(result);
            _consumer.StoreOffset(result);"),
                VerifyFix.Diagnostic(0).WithArguments(AutoStore));
        }
    }
}
