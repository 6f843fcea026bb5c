using System.Text.Json;
using Confluent.Kafka;
using StackExchange.Redis;

namespace ReferenceApp;

public sealed record PlaceOrder(string CustomerId, decimal Total);

public sealed record OrderPlaced(Guid OrderId, string CustomerId, decimal Total, DateTimeOffset PlacedAt);

public static class Topics
{
    public const string Orders = "orders";
}

/// <summary>Produces order events to Kafka: durable, replayable, keyed by order id so each order's events stay in order.</summary>
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

/// <summary>Reads the projection the consumer keeps in Redis.</summary>
public sealed class OrderStatusStore(IConnectionMultiplexer redis)
{
    public static string Key(Guid orderId) => $"order-status:{orderId}";

    public async Task<string?> GetAsync(Guid orderId) => await redis.GetDatabase().StringGetAsync(Key(orderId));
}

/// <summary>
/// Consumes order events on a dedicated thread and projects each order's status into Redis. Offsets are stored
/// only after the projection is written (at-least-once); a message that cannot be consumed is reported and
/// skipped, fatal errors stop the service; the consumer leaves its group cleanly.
/// </summary>
public sealed class OrderStatusProjection(IConsumer<string, string> consumer, IConnectionMultiplexer redis, ILogger<OrderStatusProjection> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        consumer.Subscribe(Topics.Orders);
        var db = redis.GetDatabase();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                ConsumeResult<string, string> result;
                try
                {
                    result = consumer.Consume(stoppingToken);
                }
                catch (ConsumeException e) when (!e.Error.IsFatal)
                {
                    logger.LogWarning("Skipping a record at {Offset}: {Reason}", e.ConsumerRecord?.TopicPartitionOffset, e.Error.Reason);
                    continue;
                }

                var placed = JsonSerializer.Deserialize<OrderPlaced>(result.Message.Value);
                if (placed is not null)
                {
                    db.StringSet(OrderStatusStore.Key(placed.OrderId), "placed", TimeSpan.FromDays(7));
                }

                consumer.StoreOffset(result);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            consumer.Close();
        }
    }
}
