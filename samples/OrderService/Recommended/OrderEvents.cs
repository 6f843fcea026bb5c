using System.Text.Json;
using Confluent.Kafka;

namespace OrderService.Recommended;

/// <summary>
/// Order events go to Kafka: durable, replayable, keyed by order id so each order's events stay in order.
/// The produce is awaited, never blocked on.
/// </summary>
public sealed class OrderEvents(IProducer<string, string> producer)
{
    public async Task PublishAsync(OrderPlaced placed, CancellationToken ct)
    {
        await producer.ProduceAsync(
            Topics.Orders,
            new Message<string, string> { Key = placed.OrderId.ToString(), Value = JsonSerializer.Serialize(placed) },
            ct);
    }
}
