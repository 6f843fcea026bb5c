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
                VerifyAnalyzer.Diagnostic(0).WithArguments("ProducerBuilder<Null, string>", "'OrderShipped' messages", "OrderId"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("Message<Null, Account>", "'Account' messages", "Id"));
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
                VerifyAnalyzer.Diagnostic(0).WithArguments("Message<Null, Account>", "'Account' messages", "Id"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("Message<Null, string>", "'OrderShipped' messages", "OrderId"));
        }

        [Fact]
        public async Task EnvelopeIds_AreNotEntityIds()
        {
            var source = Usings + @"
public class ChatMessage { public Guid Id { get; set; } public string Text { get; set; } = """"; }
public abstract class IntegrationEvent { public Guid Id { get; } = Guid.NewGuid(); public DateTime CreatedAt { get; } = DateTime.UtcNow; }
public class UserLoggedIn : IntegrationEvent { public string UserName { get; set; } = """"; }
public record Envelope<T>(Guid Id, string Type, T Payload);
public record AuditEntry(Guid MessageId, Guid OriginalMessageId, string TraceId, string Text);
public record Heartbeat(string ConversationId, DateTime At);

class Bus
{
    public Task ChatAsync(IProducer<Null, string> producer, ChatMessage message) =>
        producer.ProduceAsync(""chat"", new Message<Null, string> { Value = JsonSerializer.Serialize(message) });

    public Task LoginAsync(IProducer<Null, string> producer, UserLoggedIn evt) =>
        producer.ProduceAsync(""logins"", new Message<Null, string> { Value = JsonSerializer.Serialize(evt) });

    public Task WrapAsync(IProducer<Null, Envelope<string>> producer, string text) =>
        producer.ProduceAsync(""wrapped"", new Message<Null, Envelope<string>> { Value = new Envelope<string>(Guid.NewGuid(), ""text"", text) });

    public Task AuditAsync(IProducer<Null, AuditEntry> producer, AuditEntry entry) =>
        producer.ProduceAsync(""audit"", new Message<Null, AuditEntry> { Value = entry });

    public Task BeatAsync(IProducer<Null, Heartbeat> producer, Heartbeat beat) =>
        producer.ProduceAsync(""beats"", new Message<Null, Heartbeat> { Value = beat });
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task AnonymousPayloads_AreNamedAsSuch()
        {
            var source = Usings + @"
static class Shipping
{
    public static Message<Null, string> Shipped(Guid shipmentId, DateTime at) =>
        {|#0:new Message<Null, string> { Value = JsonSerializer.Serialize(new { ShipmentId = shipmentId, At = at }) }|};
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithMessage("'Message<Null, string>' produces messages of an anonymous type with a Null key although they carry 'ShipmentId': without a key they are spread over partitions and the order of one entity's messages is lost. Key them by 'ShipmentId'."));
        }

        [Fact]
        public async Task EntityIdsInsideAnEnvelope_AndEntitiesOwnIds_AreFlagged()
        {
            var source = Usings + @"
public class OrderMessage { public Guid Id { get; set; } public Guid OrderId { get; set; } public decimal Total { get; set; } }
public abstract class Entity { public int Id { get; set; } }
public class Customer : Entity { public string Name { get; set; } = """"; }

class Bus
{
    public Task OrderAsync(IProducer<Null, OrderMessage> producer, OrderMessage message) =>
        producer.ProduceAsync(""orders"", {|#0:new Message<Null, OrderMessage> { Value = message }|});

    public Task CustomerAsync(IProducer<Null, Customer> producer, Customer customer) =>
        producer.ProduceAsync(""customers"", {|#1:new Message<Null, Customer> { Value = customer }|});
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("Message<Null, OrderMessage>", "'OrderMessage' messages", "OrderId"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("Message<Null, Customer>", "'Customer' messages", "Id"));
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
