using Confluent.Kafka;
using StackExchange.Redis;

namespace FixAll.Legacy;

/// <summary>
/// Old code paths whose findings the code fixes leave alone (each marked line says which rule): the fix would change
/// behaviour or the shape is not one the fix understands. They come first in the file order on purpose: dotnet format
/// starts each rule's Fix All from the first diagnostic it sees.
/// </summary>
public sealed class LegacyOrderSender : IDisposable
{
    private readonly IProducer<string, string> _producer;

    public LegacyOrderSender(ProducerConfig config) => _producer = new ProducerBuilder<string, string>(config).Build();

    // The offset is used by synchronous code: there is nothing to await in.
    public long SendAndGetOffset(string orderId) =>
        _producer.ProduceAsync(Topics.Orders, new Message<string, string> { Key = orderId, Value = orderId }).Result.Offset.Value; // not fixable: MSG2001

    // Each result is read in the loop: the sends cannot be collected and awaited later.
    public async Task<long> SendAllAsync(IEnumerable<string> orderIds)
    {
        long last = 0;
        foreach (var orderId in orderIds)
        {
            var result = await _producer.ProduceAsync(Topics.Orders, new Message<string, string> { Key = orderId, Value = orderId }); // not fixable: MSG2002
            last = result.Offset.Value;
        }

        return last;
    }

    // The loop is the body of an if without braces: there is no block to move the flush into.
    public void SendBatch(IReadOnlyList<string> orderIds)
    {
        if (orderIds.Count > 0)
            foreach (var orderId in orderIds)
            {
                _producer.Produce(Topics.Orders, new Message<string, string> { Key = orderId, Value = orderId }, report => Console.WriteLine(report.Error.Reason));
                _producer.Flush(TimeSpan.FromSeconds(5)); // not fixable: MSG2003
            }
    }

    // The task is kept in a local: the fix does not guess what the code meant to do with it.
    public void SendLater(string orderId)
    {
        var pending = _producer.ProduceAsync(Topics.Orders, new Message<string, string> { Key = orderId, Value = orderId }); // not fixable: MSG2010
    }

    public void Dispose() => _producer.Dispose();
}

public sealed class LegacyAuditSender : IDisposable
{
    private readonly IProducer<Null, string> _producer;
    private bool _started;

    public LegacyAuditSender(ProducerConfig config) => _producer = new ProducerBuilder<Null, string>(config).Build();

    public void Audit(string line)
    {
        _started = true;
        _producer.Produce("order-audit", new Message<Null, string> { Value = line }, report => Console.WriteLine(report.Error.Reason));
    }

    // The disposal is the body of an if without braces.
    public void Dispose()
    {
        if (_started) _producer.Dispose(); // not fixable: MSG2005
    }
}

public sealed class LegacyStockReader : IDisposable
{
    private readonly IConsumer<string, string> _consumer;
    private bool _paused;

    public LegacyStockReader(string bootstrapServers) =>
        _consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "legacy-stock", EnableAutoCommit = false }).Build();

    private static void Apply(ConsumeResult<string, string> result) => Console.WriteLine(result.Message.Value);

    // The commit comes before the processing: moving it is a decision about the message, not a mechanical change.
    public void Run(CancellationToken ct)
    {
        _consumer.Subscribe(Topics.Stock);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var result = _consumer.Consume(ct);
                _consumer.Commit(result); // not fixable: MSG2007
                Apply(result);
            }
            catch (ConsumeException e) when (!e.Error.IsFatal)
            {
                Console.WriteLine(e.Error.Reason);
            }
        }
    }

    // The Consume is not a statement of the loop body itself.
    public void RunUnlessPaused(CancellationToken ct)
    {
        _consumer.Subscribe(Topics.Stock);
        while (!ct.IsCancellationRequested)
        {
            if (!_paused)
            {
                var result = _consumer.Consume(ct); // not fixable: MSG2011
                Apply(result);
            }
        }
    }

    // Not ExecuteAsync: yielding once does not move the loop off the caller's thread.
    public async Task DrainAsync(CancellationToken ct)
    {
        await Task.Delay(1, ct);
        while (true)
        {
            try
            {
                _consumer.Consume(ct); // not fixable: MSG2013
            }
            catch (ConsumeException e) when (!e.Error.IsFatal)
            {
                Console.WriteLine(e.Error.Reason);
            }
        }
    }

    public Task StopAsync(CancellationToken ct) => DrainAsync(ct);

    public void Pause() => _paused = true;

    // The disposal is the body of an if without braces.
    public void Dispose()
    {
        if (_paused) _consumer.Dispose(); // not fixable: MSG2006
    }
}

public sealed class LegacyInventoryStore
{
    private const CommandFlags Quiet = CommandFlags.FireAndForget;
    private readonly IDatabase _db;

    public LegacyInventoryStore(IConnectionMultiplexer redis) => _db = redis.GetDatabase();

    // Entries given as an array: the fix only adds the cap to the (key, field, value) form.
    public void AuditStock(string sku, int quantity) =>
        _db.StreamAdd("stock-audit", new[] { new NameValueEntry("sku", sku), new NameValueEntry("quantity", quantity) }); // not fixable: MSG3005

    // The expiry is a point in time: the Lua script of the fix takes a TTL.
    public long CountReservation(string sku)
    {
        var count = _db.StringIncrement("reservations:" + sku); // not fixable: MSG3006
        _db.KeyExpire("reservations:" + sku, DateTime.UtcNow.AddHours(1));
        return count;
    }

    // The same token for every owner: which token each owner should use is the caller's decision.
    public bool TakeRestockLock() => _db.LockTake("lock:restock", "restocker", TimeSpan.FromSeconds(30)); // not fixable: MSG3007

    // The handler is a method group.
    public void WatchPrices(ISubscriber subscriber) =>
        subscriber.Subscribe(RedisChannel.Literal("prices"), OnPriceChanged); // not fixable: MSG3008

    private static async void OnPriceChanged(RedisChannel channel, RedisValue value) => await File.AppendAllTextAsync("prices.log", value.ToString());

    // Other arguments already follow the value.
    public void CacheSku(string sku, string json) =>
        _db.StringSet("cache:sku:" + sku, json, flags: CommandFlags.DemandMaster); // not fixable: MSG3009

    // The flag comes through a constant, not written at the call.
    public void QueueRestock(string sku) =>
        _db.ListLeftPush("restock-jobs", sku, flags: Quiet); // not fixable: MSG3012

    // Not declared async: the fix would have to rewrite the method.
    public Task<string?> ReadSkuAsync(string sku)
    {
        var value = _db.StringGet("sku:" + sku); // not fixable: MSG3013
        return Task.FromResult((string?)value);
    }
}
