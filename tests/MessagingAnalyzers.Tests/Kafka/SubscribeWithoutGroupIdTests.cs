using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.SubscribeWithoutGroupIdAnalyzer>;

namespace MessagingAnalyzers.Tests.Kafka
{
    public class SubscribeWithoutGroupIdTests
    {
        [Fact]
        public async Task SubscribeWithoutGroupId_IsFlagged()
        {
            var source = KafkaSources.Usings + @"
class Reader
{
    private readonly IConsumer<string, string> _consumer =
        new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = ""b:9092"" }).Build();

    public void Start() => {|#0:_consumer.Subscribe(""orders"")|};

    public void Local()
    {
        var config = new ConsumerConfig { BootstrapServers = ""b:9092"" };
        config.AutoOffsetReset = AutoOffsetReset.Earliest;
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        {|#1:consumer.Subscribe(new[] { ""a"", ""b"" })|};
        consumer.Close();
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("_consumer"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("consumer"));
        }

        [Fact]
        public async Task GroupSet_AssignOnly_OrConfigNotVisible_AreNotFlagged()
        {
            var source = KafkaSources.Usings + @"
class Reader
{
    public void WithGroup()
    {
        var config = new ConsumerConfig { BootstrapServers = ""b:9092"" };
        config.GroupId = ""readers"";
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe(""orders"");
        consumer.Close();
    }

    public void WithSet()
    {
        var config = new ConsumerConfig();
        config.Set(""group.id"", ""readers"");
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe(""orders"");
        consumer.Close();
    }

    public void AssignOnly()
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = ""b:9092"" }).Build();
        consumer.Assign(new TopicPartition(""orders"", 0));
        consumer.Close();
    }

    public void Injected(IConsumer<string, string> consumer, ConsumerConfig config)
    {
        consumer.Subscribe(""orders"");
        using var other = new ConsumerBuilder<string, string>(config).Build();
        other.Subscribe(""orders"");
        other.Close();
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }
    }
}
