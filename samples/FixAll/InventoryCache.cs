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

    // 'message' is taken (a parameter) and 'ex' is a local of the handler: the MSG3008 fix picks other names.
    public void WatchPrices(string message)
    {
        _subscriber.Subscribe(RedisChannel.Literal("prices:changed"), (channel, value) =>
        {
            var ex = message + value;
            Refresh(ex);
        });
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
