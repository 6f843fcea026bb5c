using System.Text.Json;
using Confluent.Kafka;
using StackExchange.Redis;

namespace OrderService.Recommended;

/// <summary>
/// Kafka is the event backbone; this consumer projects derived state into Redis, and the API reads Redis.
/// The consume loop runs on its own thread, never in a request.
/// </summary>
public sealed class OrderStatusProjection(IConsumer<string, string> consumer, IConnectionMultiplexer redis) : BackgroundService
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
                var result = consumer.Consume(stoppingToken);
                var placed = JsonSerializer.Deserialize<OrderPlaced>(result.Message.Value);
                if (placed is not null)
                {
                    db.StringSet($"order-status:{placed.OrderId}", "placed", TimeSpan.FromDays(7));
                }
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
