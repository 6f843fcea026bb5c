using Confluent.Kafka;

namespace FixAll;

/// <summary>Reads order and stock events.</summary>
public static class StockReader
{
    private static void Apply(ConsumeResult<string, string> result) => Console.WriteLine(result.Message.Value);

    public static void ReadStock(ConsumerConfig config, CancellationToken ct)
    {
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe(Topics.Stock);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                Apply(consumer.Consume(ct));
            }
            catch (ConsumeException e) when (!e.Error.IsFatal)
            {
                Console.WriteLine(e.Error.Reason);
            }
        }
    }

    public static void Follow(IConsumer<string, string> consumer, CancellationToken ct)
    {
        consumer.Subscribe(Topics.Orders);
        while (!ct.IsCancellationRequested)
        {
            var result = consumer.Consume(ct);
            Apply(result);
        }
    }
}

public sealed class OrderBatchReader
{
    private readonly IConsumer<string, string> _consumer;

    public OrderBatchReader(string bootstrapServers) =>
        _consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "order-batches" }).Build();

    private static void Apply(ConsumeResult<string, string> result) => Console.WriteLine(result.Message.Value);

    public void ReadBatch(int size, CancellationToken ct)
    {
        for (var i = 0; i < size; i++)
        {
            var result = _consumer.Consume(ct);
            Apply(result);
        }
    }
}

public sealed class StockBatchReader
{
    private readonly IConsumer<string, string> _consumer =
        new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = "localhost:9092", GroupId = "stock-batches" }).Build();

    public void ReadBatch(int size, CancellationToken ct)
    {
        for (var i = 0; i < size; i++)
        {
            var result = _consumer.Consume(ct);
            Console.WriteLine(result.Message.Value);
            _consumer.StoreOffset(result);
        }
    }
}

public sealed class ReturnsReader
{
    // A config held as librdkafka keys: the MSG2008 fix adds the key in the dictionary's own style.
    private readonly IConsumer<string, string> _consumer =
        new ConsumerBuilder<string, string>(new Dictionary<string, string> { ["bootstrap.servers"] = "localhost:9092", ["group.id"] = "returns" }).Build();

    public void ReadBatch(int size, CancellationToken ct)
    {
        for (var i = 0; i < size; i++)
        {
            var result = _consumer.Consume(ct);
            Console.WriteLine(result.Message.Value);
            _consumer.StoreOffset(result);
        }
    }
}

public sealed class StockProjection : BackgroundService
{
    private readonly IConsumer<string, string> _consumer;

    public StockProjection(IConsumer<string, string> consumer) => _consumer = consumer;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _consumer.Subscribe(Topics.Stock);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var result = _consumer.Consume(stoppingToken);
                Console.WriteLine(result.Message.Value);
            }
            catch (ConsumeException e) when (!e.Error.IsFatal)
            {
                Console.WriteLine(e.Error.Reason);
            }

            await Task.Delay(10, stoppingToken);
        }
    }
}
