using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;
using Xunit;
using Xunit.Abstractions;

namespace MessagingAnalyzers.IntegrationTests
{
    /// <summary>The Redis rules' claims, shown against a real redis-server.</summary>
    [Collection(RedisCollection.Name)]
    public sealed class RedisClaimsTests
    {
        private readonly RedisServer _server;
        private readonly ITestOutputHelper _output;

        public RedisClaimsTests(RedisServer server, ITestOutputHelper output)
        {
            _server = server;
            _output = output;
        }

        private static string Unique(string name) => $"it:{name}:{Guid.NewGuid():N}";

        /// <summary>MSG1001: a pub/sub message published while nobody listens is gone; a Stream keeps it.</summary>
        [SkippableFact]
        public async Task PubSub_LosesWhatAStreamKeeps()
        {
            var redis = _server.Require();
            var channel = Unique("orders");
            var receivers = await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(channel), "OrderPlaced#1");
            Assert.Equal(0, receivers); // nobody subscribed yet: the message is dropped

            var received = new List<string>();
            var subscription = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(channel));
            subscription.OnMessage(m => { lock (received) received.Add(m.Message!); });
            await Task.Delay(200);
            Assert.Empty(received); // the late subscriber never sees it

            var db = redis.GetDatabase();
            var stream = Unique("orders-stream");
            await db.StreamAddAsync(stream, "payload", "OrderPlaced#1");
            await db.StreamCreateConsumerGroupAsync(stream, "billing", StreamPosition.Beginning);
            var entries = await db.StreamReadGroupAsync(stream, "billing", "late-consumer", ">", 10);
            Assert.Single(entries); // the late consumer group reads it
            Assert.Equal("OrderPlaced#1", (string?)entries[0]["payload"]);
            await db.StreamAcknowledgeAsync(stream, "billing", entries[0].Id);
            await subscription.UnsubscribeAsync();
        }

        /// <summary>MSG3002: a worker that dies after ListRightPop loses the item; ListMove keeps it recoverable.</summary>
        [SkippableFact]
        public async Task DestructivePop_LosesTheItem_ListMoveRecoversIt()
        {
            var db = _server.Require().GetDatabase();
            var queue = Unique("jobs");
            await db.ListLeftPushAsync(queue, "job-1");
            var popped = await db.ListRightPopAsync(queue);
            Assert.Equal("job-1", (string?)popped);
            // ... the worker crashes here, before processing: the job is nowhere any more.
            Assert.Equal(0, await db.ListLengthAsync(queue));

            var processing = queue + ":processing";
            await db.ListLeftPushAsync(queue, "job-2");
            var moved = await db.ListMoveAsync(queue, processing, ListSide.Right, ListSide.Left);
            Assert.Equal("job-2", (string?)moved);
            // ... the worker crashes here: on restart, the job is still in its processing list.
            var recovered = await db.ListRangeAsync(processing);
            Assert.Equal(new[] { "job-2" }, Array.ConvertAll(recovered, v => (string)v!));
            await db.ListRemoveAsync(processing, moved);
        }

        /// <summary>MSG3006: INCR then EXPIRE interrupted leaves a key without TTL; the Lua script cannot.</summary>
        [SkippableFact]
        public async Task IncrementThenExpire_CanLeaveAKeyForever_TheScriptCannot()
        {
            var db = _server.Require().GetDatabase();
            var key = Unique("rate");
            await db.StringIncrementAsync(key);
            // ... the process stops here, before KeyExpire.
            Assert.Null(await db.KeyTimeToLiveAsync(key)); // the counter never expires: the client stays limited

            var scripted = Unique("rate");
            const string Script = "local count = redis.call('INCRBY', KEYS[1], ARGV[1]) if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return count";
            var count = (long)await db.ScriptEvaluateAsync(Script, new RedisKey[] { scripted }, new RedisValue[] { 1, 60_000 });
            Assert.Equal(1, count);
            Assert.NotNull(await db.KeyTimeToLiveAsync(scripted)); // one atomic command: the TTL is always there
        }

        /// <summary>MSG3007: with a constant token another owner can release your lock; with a Guid it cannot.</summary>
        [SkippableFact]
        public async Task ConstantLockToken_LetsAnotherOwnerRelease_AGuidDoesNot()
        {
            var db = _server.Require().GetDatabase();
            var shared = Unique("lock");
            Assert.True(await db.LockTakeAsync(shared, "worker", TimeSpan.FromSeconds(30)));   // owner A
            Assert.True(await db.LockReleaseAsync(shared, "worker"));                        // owner B releases A's lock
            Assert.True(await db.LockTakeAsync(shared, "worker", TimeSpan.FromSeconds(30)));   // and anyone can take it again

            var unique = Unique("lock");
            var tokenA = Guid.NewGuid().ToString();
            var tokenB = Guid.NewGuid().ToString();
            Assert.True(await db.LockTakeAsync(unique, tokenA, TimeSpan.FromSeconds(30)));
            Assert.False(await db.LockReleaseAsync(unique, tokenB));                         // B cannot release A's lock
            Assert.False(await db.LockTakeAsync(unique, tokenB, TimeSpan.FromSeconds(30)));
            Assert.True(await db.LockReleaseAsync(unique, tokenA));
            _output.WriteLine("constant token: released by another owner; Guid token: kept");
        }
    }
}
