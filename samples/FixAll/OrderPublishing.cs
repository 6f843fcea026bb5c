using Confluent.Kafka;

namespace FixAll;

/// <summary>Publishes order events to Kafka.</summary>
public sealed class OrderPublisher
{
    private readonly IProducer<string, string> _producer;

    public OrderPublisher(IProducer<string, string> producer) => _producer = producer;

    public static ProducerConfig FastConfig(string bootstrapServers) =>
        new() { BootstrapServers = bootstrapServers, Acks = Acks.Leader, EnableIdempotence = true };

    public async Task<long> PlaceAsync(string orderId)
    {
        var result = _producer.ProduceAsync(Topics.Orders, new Message<string, string> { Key = orderId, Value = "placed" }).Result;
        await Task.Yield();
        return result.Offset.Value;
    }

    public async Task PlaceAllAsync(IEnumerable<string> orderIds)
    {
        foreach (var orderId in orderIds)
        {
            await _producer.ProduceAsync(Topics.Orders, new Message<string, string> { Key = orderId, Value = "placed" });
        }
    }

    public void CancelAll(IEnumerable<string> orderIds)
    {
        foreach (var orderId in orderIds)
        {
            _producer.Produce(Topics.Orders, new Message<string, string> { Key = orderId, Value = "cancelled" }, report => Console.WriteLine(report.Error.Reason));
            _producer.Flush(TimeSpan.FromSeconds(5));
        }
    }

    public void Ship(string orderId)
    {
        _producer.Produce(Topics.Orders, new Message<string, string> { Key = orderId, Value = "shipped" });
    }
}

public static class OrderExport
{
    public static int Export(ProducerConfig config, IEnumerable<string> lines)
    {
        using var producer = new ProducerBuilder<Null, string>(config).Build();
        var count = 0;
        foreach (var line in lines)
        {
            producer.Produce("order-export", new Message<Null, string> { Value = line }, report => Console.WriteLine(report.Error.Reason));
            count++;
        }

        return count;
    }
}
