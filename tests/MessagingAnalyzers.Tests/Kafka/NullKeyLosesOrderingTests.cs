using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.NullKeyLosesOrderingAnalyzer>;

namespace MessagingAnalyzers.Tests.Kafka
{
    public class NullKeyLosesOrderingTests
    {
        private const string Usings = @"using System;
using System.Text.Json;
using System.Threading.Tasks;
using Confluent.Kafka;

public record OrderShipped(Guid OrderId, string Carrier);
public record Account { public int Id { get; init; } public decimal Balance { get; init; } }
public record LogLine(DateTime At, string Text, string CorrelationId);
";

        [Fact]
        public async Task NullKeyedEntityMessages_AreFlagged()
        {
            var source = Usings + @"
class Shipping
{
    private readonly IProducer<Null, string> _producer = {|#0:new ProducerBuilder<Null, string>(new ProducerConfig())|}.Build();

    public Task ShipAsync(OrderShipped shipped) =>
        _producer.ProduceAsync(""shipments"", new Message<Null, string> { Value = JsonSerializer.Serialize(shipped) });

    public Task ShipAgainAsync(OrderShipped shipped) =>
        _producer.ProduceAsync(""shipments"", new Message<Null, string> { Value = JsonSerializer.Serialize(shipped) });
}

class Accounts
{
    public Task UpdateAsync(IProducer<Null, Account> producer, Account account) =>
        producer.ProduceAsync(""accounts"", {|#1:new Message<Null, Account> { Value = account }|});
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("ProducerBuilder<Null, string>", "OrderShipped", "OrderId"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("Message<Null, Account>", "Account", "Id"));
        }

        [Fact]
        public async Task MessagesBuiltInHelpers_WithoutAnyOtherKafkaCall_AreFlagged()
        {
            // Nothing in this type calls a producer: only the message types say Kafka.
            var source = Usings + @"
static class Messages
{
    public static Message<Null, Account> ToMessage(Account account) => {|#0:new() { Value = account }|};

    public static Message<Null, string> Serialized(OrderShipped shipped)
    {
        var message = {|#1:new Message<Null, string> { Value = JsonSerializer.Serialize(shipped) }|};
        return message;
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("Message<Null, Account>", "Account", "Id"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("Message<Null, string>", "OrderShipped", "OrderId"));
        }

        [Fact]
        public async Task KeyedMessages_AndTelemetryWithoutIds_AreNotFlagged()
        {
            var source = Usings + @"
class Logs
{
    public Task WriteAsync(IProducer<Null, string> producer, LogLine line) =>
        producer.ProduceAsync(""logs"", new Message<Null, string> { Value = JsonSerializer.Serialize(line) });

    public Task ShipAsync(IProducer<string, string> producer, OrderShipped shipped) =>
        producer.ProduceAsync(""shipments"", new Message<string, string> { Key = shipped.OrderId.ToString(), Value = JsonSerializer.Serialize(shipped) });

    public Task MetricAsync(IProducer<Null, double> producer, double value) =>
        producer.ProduceAsync(""metrics"", new Message<Null, double> { Value = value });
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }
    }
}
