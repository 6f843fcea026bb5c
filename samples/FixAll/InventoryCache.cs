using StackExchange.Redis;

namespace FixAll;

/// <summary>Inventory state in Redis.</summary>
public sealed class InventoryCache
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly IDatabase _db;
    private readonly ISubscriber _subscriber;

    public InventoryCache(IConnectionMultiplexer redis)
    {
        _db = redis.GetDatabase();
        _subscriber = redis.GetSubscriber();
    }

    private static void Refresh(RedisValue value) => Console.WriteLine(value);

    public void AnnounceStock(string json) => _subscriber.Publish(RedisChannel.Literal("orders"), json);

    // The MSG1001 fix turns the Publish above into an uncapped StreamAdd on "orders", which MSG3005 would then flag
    // (a fix must not leave a new finding). Until that fix caps the stream, the type deletes it, so MSG3005 stays quiet
    // about "orders". A StreamTrim would silence MSG3005 for every stream of the compilation.
    public void ResetOrderEvents() => _db.KeyDelete("orders");

    public void AppendStockEvent(string json) => _db.StreamAdd("stock-events", "payload", json);

    public bool AllowRestock(string sku)
    {
        var key = "restock-rate:" + sku;
        var count = _db.StringIncrement(key);
        if (count == 1)
        {
            _db.KeyExpire(key, Window);
        }

        return count <= 10;
    }

    public bool TakeCountLock(string token) => _db.LockTake("lock:stock-count", token, TimeSpan.MaxValue);

    public void WatchStock()
    {
        _subscriber.Subscribe(RedisChannel.Literal("stock"), (channel, value) => Refresh(value));
    }

    public void CacheProduct(string sku, string json) => _db.StringSet("cache:product:" + sku, json);

    public void QueuePick(string orderId) => _db.ListLeftPush("pick-jobs", orderId, flags: CommandFlags.FireAndForget);

    public async Task<string?> ReadProductAsync(string sku)
    {
        await Task.Yield();
        var value = _db.StringGet("product:" + sku);
        return value.ToString();
    }
}
