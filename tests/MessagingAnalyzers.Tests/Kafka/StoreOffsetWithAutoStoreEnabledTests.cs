using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.StoreOffsetWithAutoStoreEnabledAnalyzer>;
using VerifyFix = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.StoreOffsetWithAutoStoreEnabledAnalyzer, MessagingAnalyzers.CodeFixes.Kafka.StoreOffsetWithAutoStoreEnabledCodeFix>;

namespace MessagingAnalyzers.Tests.Kafka
{
    public class StoreOffsetWithAutoStoreEnabledTests
    {
        private static string Worker(string config) => KafkaSources.Usings + @"
class Worker
{
    private readonly IConsumer<string, string> _consumer =
        new ConsumerBuilder<string, string>(" + config + @").Build();

    public void Run(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var result = _consumer.Consume(ct);
            Console.WriteLine(result.Message.Value);
            {|#0:_consumer.StoreOffset(result)|};
        }
    }
}";

        [Fact]
        public async Task StoreOffsetWithAutoStoreOn_IsFlagged()
        {
            await VerifyAnalyzer.AnalyzerAsync(
                Worker(@"new ConsumerConfig { GroupId = ""g"", BootstrapServers = ""b:9092"" }"),
                VerifyAnalyzer.Diagnostic(0).WithArguments("_consumer"));
        }

        [Fact]
        public async Task AutoStoreAsAStringKey_InAKeyValueList_IsRead()
        {
            // Off as a string key in a key/value list: not flagged; a list that leaves it on: flagged.
            await VerifyAnalyzer.AnalyzerAsync(
                Worker(@"new List<KeyValuePair<string, string>> { new(""group.id"", ""g""), new(""enable.auto.offset.store"", ""false"") }")
                    .Replace("{|#0:", string.Empty).Replace(")|};", ");"));
            await VerifyAnalyzer.AnalyzerAsync(
                Worker(@"new List<KeyValuePair<string, string>> { new(""group.id"", ""g""), new(""enable.auto.commit"", ""false"") }"),
                VerifyAnalyzer.Diagnostic(0).WithArguments("_consumer"));
        }

        [Fact]
        public async Task AutoStoreOff_OrInjectedConsumer_IsNotFlagged()
        {
            await VerifyAnalyzer.AnalyzerAsync(Worker(@"new ConsumerConfig { GroupId = ""g"", EnableAutoOffsetStore = false }").Replace("{|#0:", string.Empty).Replace(")|};", ");"));
            var injected = KafkaSources.Usings + @"
class Worker
{
    public void Handle(IConsumer<string, string> consumer, ConsumeResult<string, string> result) => consumer.StoreOffset(result);
}";
            await VerifyAnalyzer.AnalyzerAsync(injected);
        }

        [Fact]
        public async Task Fix_DisablesAutoOffsetStore()
        {
            await VerifyFix.CodeFixAsync(
                Worker(@"new ConsumerConfig { GroupId = ""g"" }"),
                Worker(@"new ConsumerConfig { GroupId = ""g"", EnableAutoOffsetStore = false }").Replace("{|#0:", string.Empty).Replace(")|};", ");"),
                VerifyFix.Diagnostic(0).WithArguments("_consumer"));
        }

        [Theory]
        [InlineData(@"new Dictionary<string, string> { [""group.id""] = ""g"" }", @"new Dictionary<string, string> { [""group.id""] = ""g"", [""enable.auto.offset.store""] = ""false"" }")]
        [InlineData(@"new Dictionary<string, string> { { ""group.id"", ""g"" } }", @"new Dictionary<string, string> { { ""group.id"", ""g"" }, { ""enable.auto.offset.store"", ""false"" } }")]
        [InlineData(@"new List<KeyValuePair<string, string>> { new KeyValuePair<string, string>(""group.id"", ""g"") }", @"new List<KeyValuePair<string, string>> { new KeyValuePair<string, string>(""group.id"", ""g""), new KeyValuePair<string, string>(""enable.auto.offset.store"", ""false"") }")]
        [InlineData(@"new List<KeyValuePair<string, string>> { new(""group.id"", ""g"") }", @"new List<KeyValuePair<string, string>> { new(""group.id"", ""g""), new(""enable.auto.offset.store"", ""false"") }")]
        public async Task Fix_WritesTheKeyIntoKeyValueConfigs(string config, string fixedConfig)
        {
            // A config held in a dictionary or a list of pairs has no EnableAutoOffsetStore property: the fix adds the
            // librdkafka key in the collection's own style.
            await VerifyFix.CodeFixAsync(
                Worker(config),
                Worker(fixedConfig).Replace("{|#0:", string.Empty).Replace(")|};", ");"),
                VerifyFix.Diagnostic(0).WithArguments("_consumer"));
        }
    }
}
