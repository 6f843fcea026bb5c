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
                ConsumeResult<string, string> result;
                try
                {
                    result = consumer.Consume(stoppingToken);
                }
                catch (ConsumeException e) when (!e.Error.IsFatal)
                {
                    // A record the client cannot deliver: note where it is and keep projecting.
                    Console.Error.WriteLine($"Skipping {e.ConsumerRecord?.TopicPartitionOffset}: {e.Error.Reason}");
                    continue;
                }

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
