// Realistic Redis code that uses the client well: the package must report nothing here (CleanCodeTests).
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Clean.Redis
{
    public sealed class Cache
    {
        private readonly IDatabase _db;

        public Cache(IConnectionMultiplexer mux) => _db = mux.GetDatabase();

        public async Task<string?> GetOrAddAsync(string key, Func<Task<string>> load)
        {
            var cached = await _db.StringGetAsync("cache:" + key);
            if (cached.HasValue)
            {
                return cached;
            }

            var value = await load();
            await _db.StringSetAsync("cache:" + key, value, TimeSpan.FromMinutes(5));
            return value;
        }

        public async Task<bool> RateLimitAsync(string user)
        {
            var key = "rl:" + user;
            var transaction = _db.CreateTransaction();
            var count = transaction.StringIncrementAsync(key);
            _ = transaction.KeyExpireAsync(key, TimeSpan.FromMinutes(1));
            await transaction.ExecuteAsync();
            return await count <= 100;
        }

        public void Hit(string page) => _db.HashIncrement("stats", page, flags: CommandFlags.FireAndForget);
    }

    public sealed class Profiles
    {
        private readonly IDatabase _db;

        public Profiles(IDatabase db) => _db = db;

        /// <summary>Data of record, not a cache entry: no expiry.</summary>
        public Task SaveAsync(string user, string json) => _db.StringSetAsync("profile:" + user, json);
    }

    public sealed class RateLimiter
    {
        private static readonly LuaScript Script = LuaScript.Prepare("local c = redis.call('INCR', @key) if c == 1 then redis.call('PEXPIRE', @key, @ttl) end return c");
        private readonly IDatabase _db;

        public RateLimiter(IDatabase db) => _db = db;

        public async Task<bool> AllowAsync(string user, int limit) =>
            (long)await _db.ScriptEvaluateAsync(Script, new { key = (RedisKey)("rl:" + user), ttl = 60000 }) <= limit;
    }

    public static class LockExtensions
    {
        public static async Task<bool> WithLockAsync(this IDatabase db, string key, TimeSpan ttl, Func<Task> action)
        {
            var token = Guid.NewGuid().ToString("N");
            for (var attempt = 0; attempt < 3; attempt++)
            {
                if (await db.LockTakeAsync(key, token, ttl))
                {
                    try
                    {
                        await action();
                        return true;
                    }
                    finally
                    {
                        await db.LockReleaseAsync(key, token);
                    }
                }

                await Task.Delay(50 * (attempt + 1));
            }

            return false;
        }
    }

    public sealed class Jobs
    {
        private readonly IDatabase _db;

        public Jobs(IDatabase db) => _db = db;

        public Task EnqueueAsync(string payload) =>
            _db.StreamAddAsync("jobs", "payload", payload, maxLength: 10_000, useApproximateMaxLength: true);

        public async Task DrainAsync(Func<string, Task> handle, CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                var entries = await _db.StreamReadGroupAsync("jobs", "workers", "w1", ">", 10);
                foreach (var entry in entries)
                {
                    await handle(entry["payload"]!);
                    await _db.StreamAcknowledgeAsync("jobs", "workers", entry.Id);
                }
            }
        }

        /// <summary>The reliable list queue: move to a processing list, remove after processing.</summary>
        public async Task WorkAsync(Func<string, Task> handle, CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                var item = await _db.ListMoveAsync("queue", "queue:processing", ListSide.Right, ListSide.Left);
                if (item.IsNull)
                {
                    await Task.Delay(100, ct);
                    continue;
                }

                await handle(item!);
                await _db.ListRemoveAsync("queue:processing", item, 1);
            }
        }
    }

    public sealed class Invalidation
    {
        private readonly ConcurrentDictionary<string, string> _items = new();

        public void Wire(ISubscriber subscriber)
        {
            subscriber.Subscribe(RedisChannel.Literal("cache-invalidation"), (channel, key) => _items.TryRemove((string)key!, out var removed));
            subscriber.Subscribe(RedisChannel.Pattern("events:*"), (channel, message) => Console.WriteLine($"{channel}: {message}"));
        }

        public async Task WireQueueAsync(ISubscriber subscriber)
        {
            var queue = await subscriber.SubscribeAsync(RedisChannel.Literal("prices"));
            queue.OnMessage(async message =>
            {
                try
                {
                    await Task.Yield();
                    _items[(string)message.Channel!] = (string)message.Message!;
                }
                catch (Exception e)
                {
                    Console.Error.WriteLine(e);
                }
            });
        }

        public Task InvalidateAsync(IDatabase db, ISubscriber subscriber, string key) =>
            Task.WhenAll(db.KeyDeleteAsync(key), subscriber.PublishAsync(RedisChannel.Literal("cache-invalidation"), key));
    }
}
