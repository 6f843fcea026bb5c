using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.EphemeralConsumerGroupAnalyzer>;

namespace MessagingAnalyzers.Tests.Kafka
{
    public class EphemeralConsumerGroupTests
    {
        [Fact]
        public async Task RandomGroupsWithCommits_AreFlagged()
        {
            var source = KafkaSources.Usings + @"
class Readers
{
    public void AutoCommit()
    {
        var config = new ConsumerConfig { BootstrapServers = ""b:9092"", {|#0:GroupId = Guid.NewGuid().ToString()|} };
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe(""orders"");
        consumer.Close();
    }

    public void ExplicitCommit()
    {
        var group = $""reader-{DateTime.UtcNow.Ticks}"";
        var config = new ConsumerConfig { {|#1:GroupId = group|}, EnableAutoCommit = false };
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe(""orders"");
        var result = consumer.Consume(TimeSpan.FromSeconds(1));
        consumer.Commit(result);
        consumer.Close();
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("GroupId = Guid.NewGuid().ToString()"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("GroupId = group"));
        }

        [Fact]
        public async Task StableGroups_AndBroadcastReadersWithoutCommits_AreNotFlagged()
        {
            var source = KafkaSources.Usings + @"
class Readers
{
    public void Stable()
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { GroupId = ""billing"" }).Build();
        consumer.Subscribe(""orders"");
        consumer.Close();
    }

    public void Broadcast()
    {
        var config = new ConsumerConfig { GroupId = Guid.NewGuid().ToString(), EnableAutoCommit = false };
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe(""cache-invalidation"");
        consumer.Consume(TimeSpan.FromSeconds(1));
        consumer.Close();
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task RandomGroupOnATopicMadeForThisRun_HasNothingToResume_AndIsNotFlagged()
        {
            var source = KafkaSources.Usings + """
class SmokeCheck
{
    public void Run()
    {
        var topic = "smoke-" + Guid.NewGuid();
        var config = new ConsumerConfig { BootstrapServers = "b:9092", GroupId = Guid.NewGuid().ToString() };
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe(topic);
        consumer.Consume(TimeSpan.FromSeconds(5));
        consumer.Close();
    }
}
""";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task TestCode_IsNotFlagged()
        {
            // A fresh group per run is how integration tests isolate themselves.
            await VerifyAnalyzer.AnalyzerAsync(KafkaSources.Usings + TestAttributes.Source + @"
public class RoundTripTests
{
    [Xunit.Fact]
    public void Consumes()
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = ""b:9092"", GroupId = Guid.NewGuid().ToString() }).Build();
        consumer.Subscribe(""t"");
        consumer.Consume(TimeSpan.FromSeconds(5));
        consumer.Close();
    }
}");
        }
    }
}
