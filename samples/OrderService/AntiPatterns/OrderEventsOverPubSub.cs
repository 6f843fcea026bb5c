using System.Text.Json;
using StackExchange.Redis;

namespace OrderService.AntiPatterns;

/// <summary>
/// MSG1001: order events sent over Redis pub/sub. Any service that is restarting or deploying when the
/// event is published never sees it, and nothing can be replayed.
/// </summary>
public sealed class OrderEventsOverPubSub(IConnectionMultiplexer redis)
{
    private readonly ISubscriber _subscriber = redis.GetSubscriber();

    public async Task PublishAsync(OrderPlaced placed)
    {
        await _subscriber.PublishAsync(RedisChannel.Literal("orders:placed"), JsonSerializer.Serialize(placed));
    }
}
