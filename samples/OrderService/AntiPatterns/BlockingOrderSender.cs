using System.Text.Json;
using Confluent.Kafka;

namespace OrderService.AntiPatterns;

/// <summary>
/// MSG2001: blocking on ProduceAsync. Each order waits a full broker round trip on a thread-pool thread.
/// </summary>
public sealed class BlockingOrderSender(IProducer<string, string> producer)
{
    public void Send(OrderPlaced placed)
    {
        producer.ProduceAsync(Topics.Orders, new Message<string, string> { Key = placed.OrderId.ToString(), Value = JsonSerializer.Serialize(placed) }).Wait();
    }

    public async Task<long> SendAndGetOffsetAsync(OrderPlaced placed)
    {
        var result = producer.ProduceAsync(Topics.Orders, new Message<string, string> { Key = placed.OrderId.ToString(), Value = JsonSerializer.Serialize(placed) }).Result;
        await Task.Yield();
        return result.Offset.Value;
    }
}
