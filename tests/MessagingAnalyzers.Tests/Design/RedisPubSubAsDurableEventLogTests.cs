using System.Threading.Tasks;
using MessagingAnalyzers.CodeFixes.Design;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Design.RedisPubSubAsDurableEventLogAnalyzer>;
using VerifyFix = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Design.RedisPubSubAsDurableEventLogAnalyzer, MessagingAnalyzers.CodeFixes.Design.RedisPubSubAsDurableEventLogCodeFix>;

namespace MessagingAnalyzers.Tests.Design
{
    public class RedisPubSubAsDurableEventLogTests
    {
        private const string Usings = @"using System;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using StackExchange.Redis;
";

        private const string Events = @"
public record OrderPlaced(Guid OrderId, decimal Total);
public record PaymentCompleted(Guid PaymentId);
public record ShipOrderCommand(Guid OrderId);
public record ProductUpdated(Guid ProductId);
public record OrderHappened(Guid OrderId);
public record ChatLine(string Text);
";

        private static string InPublisher(string members, string fields = "") => Usings + Events + @"
public class Publisher
{
    private readonly IConnectionMultiplexer _redis;
    private readonly ISubscriber _subscriber;
" + fields + @"
    public Publisher(IConnectionMultiplexer redis)
    {
        _redis = redis;
        _subscriber = redis.GetSubscriber();
    }
" + members + @"
}";

        [Fact]
        public async Task DurableChannelNames_AreFlagged()
        {
            var source = InPublisher(@"
    public void Place(string json, string tenant)
    {
        {|#0:_subscriber.Publish(RedisChannel.Literal(""orders""), json)|};
        {|#1:_subscriber.Publish(RedisChannel.Literal($""payments:{tenant}""), json)|};
        {|#2:_redis.GetDatabase().Publish(RedisChannel.Literal(""audit-"" + tenant), json)|};
        var receivers = {|#3:_subscriber.Publish(RedisChannel.Literal(""invoice.events""), json)|};
    }

    public async Task PlaceAsync(string json)
    {
        await {|#4:_subscriber.PublishAsync(RedisChannel.Literal(""ledger""), json)|};
        _ = {|#5:_subscriber.PublishAsync(RedisChannel.Literal(""transactions""), json)|};
    }");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("_subscriber.Publish", "a message", "orders"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("_subscriber.Publish", "a message", "payments:{…}"),
                VerifyAnalyzer.Diagnostic(2).WithArguments("_redis.GetDatabase().Publish", "a message", "audit-{…}"),
                VerifyAnalyzer.Diagnostic(3).WithArguments("_subscriber.Publish", "a message", "invoice.events"),
                VerifyAnalyzer.Diagnostic(4).WithArguments("_subscriber.PublishAsync", "a message", "ledger"),
                VerifyAnalyzer.Diagnostic(5).WithArguments("_subscriber.PublishAsync", "a message", "transactions"));
        }

        [Fact]
        public async Task EventPayloads_AreFlagged_OnAnyChannel()
        {
            var source = InPublisher(@"
    private const string Bus = ""bus"";

    public async Task PlaceAsync(OrderPlaced placed, Guid id)
    {
        await {|#0:_subscriber.PublishAsync(RedisChannel.Literal(Bus), JsonSerializer.Serialize(placed))|};
        var command = new ShipOrderCommand(id);
        var json = JsonSerializer.Serialize(command);
        {|#1:_subscriber.Publish(RedisChannel.Literal(""work""), json)|};
        {|#2:_subscriber.Publish(RedisChannel.Literal(""work""), JsonSerializer.SerializeToUtf8Bytes(new PaymentCompleted(id)))|};
        {|#3:_subscriber.Publish(RedisChannel.Literal(""work""), Encoding.UTF8.GetBytes(JsonSerializer.Serialize<ProductUpdated>(new ProductUpdated(id))))|};
    }");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("_subscriber.PublishAsync", "'OrderPlaced'", "bus"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("_subscriber.Publish", "'ShipOrderCommand'", "work"),
                VerifyAnalyzer.Diagnostic(2).WithArguments("_subscriber.Publish", "'PaymentCompleted'", "work"),
                VerifyAnalyzer.Diagnostic(3).WithArguments("_subscriber.Publish", "'ProductUpdated'", "work"));
        }

        [Fact]
        public async Task GenericEventBus_IsFlaggedByTheTypeParametersConstraint()
        {
            // The classic Redis "event bus": one generic Publish for every integration event, channel named after the
            // event type. The payload's type is a type parameter; its constraint says it is an event.
            var source = InPublisher(@"
    public Task PublishAsync<TEvent>(TEvent @event) where TEvent : IIntegrationEvent =>
        {|#0:_subscriber.PublishAsync(RedisChannel.Literal(typeof(TEvent).Name), JsonSerializer.Serialize(@event))|};

    public void Publish<T>(T message) where T : class, IIntegrationEvent
    {
        var json = JsonSerializer.Serialize(message);
        {|#1:_subscriber.Publish(RedisChannel.Literal(""bus""), json)|};
    }

    public void PublishBase<T>(T message) where T : DomainEvent =>
        {|#2:_subscriber.Publish(RedisChannel.Literal(""bus""), JsonSerializer.Serialize(message))|};

    // Not events: an unconstrained or a non-event constraint, on a channel that names nothing durable.
    public void Broadcast<T>(T value) => _subscriber.Publish(RedisChannel.Literal(""bus""), JsonSerializer.Serialize(value));

    public void Push<T>(T entry) where T : ICacheEntry, IComparable<T> =>
        _subscriber.Publish(RedisChannel.Literal(""bus""), JsonSerializer.Serialize(entry));

    public void Refresh<TEvent>(TEvent @event) where TEvent : IIntegrationEvent =>
        _subscriber.Publish(RedisChannel.Literal(""cache:refresh""), JsonSerializer.Serialize(@event));", fields: @"
    public interface IIntegrationEvent { Guid Id { get; } }
    public abstract record DomainEvent(Guid Id);
    public interface ICacheEntry { string Key { get; } }
");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("_subscriber.PublishAsync", "'IIntegrationEvent'", "{…}"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("_subscriber.Publish", "'IIntegrationEvent'", "bus"),
                VerifyAnalyzer.Diagnostic(2).WithArguments("_subscriber.Publish", "'DomainEvent'", "bus"));
        }

        [Fact]
        public async Task FireAndForget_IgnoresTheReceiverCount()
        {
            var source = InPublisher(@"
    public long Place(string json) =>
        {|#0:_subscriber.Publish(RedisChannel.Literal(""orders""), json, CommandFlags.FireAndForget)|};");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("_subscriber.Publish", "a message", "orders"));
        }

        [Fact]
        public async Task Options_AddDurableChannelsAndSuffixes_AndEphemeralChannels()
        {
            var source = InPublisher(@"
    public void Place(string json, Guid id)
    {
        {|#0:_subscriber.Publish(RedisChannel.Literal(""billing""), json)|};
        {|#1:_subscriber.Publish(RedisChannel.Literal(""misc""), JsonSerializer.Serialize(new OrderHappened(id)))|};
        _subscriber.Publish(RedisChannel.Literal(""orders-live""), json);
    }");
            await VerifyAnalyzer.AnalyzerAsync(source,
                new VerifyOptions
                {
                    EditorConfig = "MSG1001.durable_channels = billing, ledger\nMSG1001.durable_payload_suffixes = Happened\nMSG1001.ephemeral_channels = live",
                },
                VerifyAnalyzer.Diagnostic(0).WithArguments("_subscriber.Publish", "a message", "billing"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("_subscriber.Publish", "'OrderHappened'", "misc"));
        }

        /// <summary>
        /// As docs/rules/MSG1001.md says: channel option values match words of the channel name (letters only), so a value
        /// written as a channel name with separators (order-events) matches nothing, and its words (events) match.
        /// </summary>
        [Fact]
        public async Task Options_MatchWordsOfTheChannel_NotChannelNamesWithSeparators()
        {
            var source = InPublisher(@"
    public void Place(string json)
    {
        {|#0:_subscriber.Publish(RedisChannel.Literal(""order-events""), json)|};
    }");
            await VerifyAnalyzer.AnalyzerAsync(source,
                new VerifyOptions { EditorConfig = "MSG1001.ephemeral_channels = order-events, orders:v2" },
                VerifyAnalyzer.Diagnostic(0).WithArguments("_subscriber.Publish", "a message", "order-events"));
            await VerifyAnalyzer.AnalyzerAsync(source, new VerifyOptions { EditorConfig = "MSG1001.ephemeral_channels = Events" });
        }

        [Fact]
        public async Task SignalChannels_AreNotFlagged_EvenWithDurableWordsOrEvents()
        {
            var source = InPublisher(@"
    public async Task SignalAsync(Guid id, string json)
    {
        _subscriber.Publish(RedisChannel.Literal(""cache-invalidation:orders""), json);
        _subscriber.Publish(RedisChannel.Literal(""orders:invalidate""), JsonSerializer.Serialize(new ProductUpdated(id)));
        _subscriber.Publish(RedisChannel.Literal(""notify:payments""), json);
        _subscriber.Publish(RedisChannel.Literal(""notifications""), JsonSerializer.Serialize(new OrderPlaced(id, 1m)));
        await _subscriber.PublishAsync(RedisChannel.Literal(""ping""), ""1"");
        await _subscriber.PublishAsync(RedisChannel.Literal(""order-service:heartbeat""), ""1"");
        await _subscriber.PublishAsync(RedisChannel.Literal(""presence""), json);
        await _subscriber.PublishAsync(RedisChannel.Literal(""typing:"" + id), json);
        await _subscriber.PublishAsync(RedisChannel.Literal(""orderCacheRefresh""), json);
    }");
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task TaskWithoutTheReceiverCount_IgnoresIt()
        {
            // Returned as a plain Task (or collected as one), the receiver count cannot be checked by anyone.
            var source = InPublisher(@"
    public Task PublishPlacedAsync(OrderPlaced placed) =>
        {|#0:_subscriber.PublishAsync(RedisChannel.Literal(""bus""), JsonSerializer.Serialize(placed))|};

    public Task PublishAsync(string json)
    {
        return {|#1:_subscriber.PublishAsync(RedisChannel.Literal(""orders""), json)|};
    }

    public Task PublishAllAsync(string[] payloads)
    {
        var tasks = new System.Collections.Generic.List<Task>();
        foreach (var json in payloads)
        {
            tasks.Add({|#2:_subscriber.PublishAsync(RedisChannel.Literal(""payments""), json)|});
        }

        return Task.WhenAll(tasks);
    }");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("_subscriber.PublishAsync", "'OrderPlaced'", "bus"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("_subscriber.PublishAsync", "a message", "orders"),
                VerifyAnalyzer.Diagnostic(2).WithArguments("_subscriber.PublishAsync", "a message", "payments"));
        }

        [Fact]
        public async Task Fix_WritesToARedisStream_WhereThePublishIsReturnedAsATask()
        {
            var source = InPublisher(@"
    public Task PublishAsync(string json) =>
        {|#0:_subscriber.PublishAsync(RedisChannel.Literal(""orders""), json)|};");
            var fixedSource = InPublisher(@"
    public Task PublishAsync(string json) =>
        // The stream keeps the last ~100,000 messages (MAXLEN ~). Subscribers of the channel receive nothing now: they must read the stream with a consumer group (StreamReadGroup, StreamAcknowledge).
        _subscriber.Multiplexer.GetDatabase().StreamAddAsync(""orders"", ""payload"", json, maxLength: 100_000, useApproximateMaxLength: true);");
            await VerifyFix.CodeFixAsync(source, fixedSource,
                new VerifyOptions { EquivalenceKey = RedisPubSubAsDurableEventLogCodeFix.StreamKey },
                VerifyFix.Diagnostic(0).WithArguments("_subscriber.PublishAsync", "a message", "orders"));
        }

        [Fact]
        public async Task SecondFix_WritesTheStream_AndKeepsThePublishAsAWakeUp()
        {
            var source = InPublisher(@"
    public async Task ShipAsync(string json)
    {
        await {|#0:_subscriber.PublishAsync(RedisChannel.Literal(""orders""), json)|};
    }");
            var fixedSource = InPublisher(@"
    public async Task ShipAsync(string json)
    {
        // The stream keeps the message (the last ~100,000, MAXLEN ~); the publish only wakes subscribers, who read the stream from the last entry they processed.
        await _subscriber.Multiplexer.GetDatabase().StreamAddAsync(""orders"", ""payload"", json, maxLength: 100_000, useApproximateMaxLength: true);
        await _subscriber.PublishAsync(RedisChannel.Literal(""orders""), json);
    }");
            await VerifyFix.CodeFixAsync(source, fixedSource,
                new VerifyOptions { EquivalenceKey = RedisPubSubAsDurableEventLogCodeFix.StreamAndWakeUpKey },
                VerifyFix.Diagnostic(0).WithArguments("_subscriber.PublishAsync", "a message", "orders"));
        }

        [Fact]
        public async Task CheckedReceiverCount_IsNotFlagged()
        {
            var source = InPublisher(@"
    public async Task<bool> PlaceAsync(string json)
    {
        if (_subscriber.Publish(RedisChannel.Literal(""orders""), json) == 0)
        {
            throw new InvalidOperationException(""nobody is listening"");
        }

        var receivers = await _subscriber.PublishAsync(RedisChannel.Literal(""payments""), json);
        return receivers > 0;
    }

    public Task<long> ForwardAsync(string json) => _subscriber.PublishAsync(RedisChannel.Literal(""orders""), json);");
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task OrdinaryChatMessages_AreNotFlagged()
        {
            var source = InPublisher(@"
    public void Say(string text)
    {
        _subscriber.Publish(RedisChannel.Literal(""chat:lobby""), JsonSerializer.Serialize(new ChatLine(text)));
        _subscriber.Publish(RedisChannel.Literal(""border-updates""), text);
    }");
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task WakeUpBesideStreamOrListWrite_IsNotFlagged()
        {
            var source = InPublisher(@"
    public async Task PlaceAsync(string json)
    {
        var db = _redis.GetDatabase();
        await db.StreamAddAsync(""orders-stream"", ""payload"", json);
        await _subscriber.PublishAsync(RedisChannel.Literal(""orders""), ""new"");
    }

    public void Enqueue(string json)
    {
        _redis.GetDatabase().ListLeftPush(""orders-queue"", json);
        _subscriber.Publish(RedisChannel.Literal(""orders""), json);
    }");
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task WakeUpAfterAnAwaitedStreamWriteOfTheSameEvent_IsNotFlagged()
        {
            // The stream entry is built from the event in a local; the publish serializes the same event.
            var source = InPublisher("""

    public async Task PlaceAsync(OrderPlaced placed)
    {
        var fields = new[]
        {
            new NameValueEntry("id", placed.OrderId.ToString()),
            new NameValueEntry("body", JsonSerializer.Serialize(placed)),
        };
        await _redis.GetDatabase().StreamAddAsync("orders-stream", fields);
        await _subscriber.PublishAsync(RedisChannel.Literal("orders"), JsonSerializer.Serialize(placed));
    }
""");
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task WakeUpAfterADatabaseSave_IsNotFlagged()
        {
            var source = Usings + Events + """

public class Orders
{
    private readonly FakeDb _db;
    private readonly ISubscriber _subscriber;

    public Orders(FakeDb db, IConnectionMultiplexer redis)
    {
        _db = db;
        _subscriber = redis.GetSubscriber();
    }

    public async Task PlaceAsync(OrderPlaced placed)
    {
        _db.Pending.Add(placed);
        await _db.SaveChangesAsync();
        await _subscriber.PublishAsync(RedisChannel.Literal("orders"), JsonSerializer.Serialize(placed));
    }
}

public class DbContext
{
    public System.Threading.Tasks.Task<int> SaveChangesAsync() => System.Threading.Tasks.Task.FromResult(0);
}

public class FakeDb : DbContext
{
    public System.Collections.Generic.List<OrderPlaced> Pending { get; } = new();
}
""";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task PublishBesideAWriteOfOtherData_IsFlagged()
        {
            var source = InPublisher(@"
    public async Task PlaceAsync(string json, string auditJson)
    {
        await _redis.GetDatabase().StreamAddAsync(""audit-stream"", ""payload"", auditJson);
        await {|#0:_subscriber.PublishAsync(RedisChannel.Literal(""orders""), json)|};
    }");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("_subscriber.PublishAsync", "a message", "orders"));
        }

        [Fact]
        public async Task WakeUpBesideKafkaProduce_IsNotFlagged()
        {
            var source = InPublisher(@"
    public async Task PlaceAsync(Confluent.Kafka.IProducer<string, string> producer, string json)
    {
        await producer.ProduceAsync(""orders"", new Confluent.Kafka.Message<string, string> { Value = json });
        await _subscriber.PublishAsync(RedisChannel.Literal(""orders""), json);
    }");
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task SignalRBackplane_IsNotFlagged()
        {
            var source = Usings + Events + @"
public class RedisBackplane<THub> : Microsoft.AspNetCore.SignalR.HubLifetimeManager<THub>
    where THub : Microsoft.AspNetCore.SignalR.Hub
{
    private readonly ISubscriber _bus;
    public RedisBackplane(ISubscriber bus) => _bus = bus;

    public Task SendAllAsync(string method, OrderPlaced placed) =>
        SendCoreAsync(JsonSerializer.Serialize(placed));

    private async Task SendCoreAsync(string json) =>
        await _bus.PublishAsync(RedisChannel.Literal(""signalr:orders:all""), json);

    public async Task BroadcastEventsAsync(string json) =>
        await _bus.PublishAsync(RedisChannel.Literal(""order-events""), json);
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task Fix_WritesToARedisStream_OnTheSameMultiplexer()
        {
            var source = InPublisher(@"
    public void Place(string json) =>
        {|#0:_subscriber.Publish(RedisChannel.Literal(""orders""), json)|};

    public async Task PayAsync(string json) =>
        await {|#1:_redis.GetSubscriber().PublishAsync(RedisChannel.Literal(""payments""), json, CommandFlags.DemandMaster)|};

    public void Audit(string json, ISubscriber other)
    {
        {|#2:other.Publish(RedisChannel.Literal(""audit""), json)|};
    }");
            var fixedSource = InPublisher(@"
    public void Place(string json) =>
        // The stream keeps the last ~100,000 messages (MAXLEN ~). Subscribers of the channel receive nothing now: they must read the stream with a consumer group (StreamReadGroup, StreamAcknowledge).
        _subscriber.Multiplexer.GetDatabase().StreamAdd(""orders"", ""payload"", json, maxLength: 100_000, useApproximateMaxLength: true);

    public async Task PayAsync(string json) =>
        // The stream keeps the last ~100,000 messages (MAXLEN ~). Subscribers of the channel receive nothing now: they must read the stream with a consumer group (StreamReadGroup, StreamAcknowledge).
        await _redis.GetDatabase().StreamAddAsync(""payments"", ""payload"", json, maxLength: 100_000, useApproximateMaxLength: true, flags: CommandFlags.DemandMaster);

    public void Audit(string json, ISubscriber other)
    {
        // The stream keeps the last ~100,000 messages (MAXLEN ~). Subscribers of the channel receive nothing now: they must read the stream with a consumer group (StreamReadGroup, StreamAcknowledge).
        other.Multiplexer.GetDatabase().StreamAdd(""audit"", ""payload"", json, maxLength: 100_000, useApproximateMaxLength: true);
    }");
            await VerifyFix.CodeFixAsync(source, fixedSource,
                new VerifyOptions { EquivalenceKey = RedisPubSubAsDurableEventLogCodeFix.StreamKey },
                VerifyFix.Diagnostic(0).WithArguments("_subscriber.Publish", "a message", "orders"),
                VerifyFix.Diagnostic(1).WithArguments("_redis.GetSubscriber().PublishAsync", "a message", "payments"),
                VerifyFix.Diagnostic(2).WithArguments("other.Publish", "a message", "audit"));
        }

        [Fact]
        public async Task Fix_ProducesToKafka_WhenAProducerIsInScope()
        {
            const string Fields = "    private readonly Confluent.Kafka.IProducer<string, string> _producer = null!;\n";
            var source = InPublisher(@"
    public async Task PlaceAsync(string json)
    {
        await {|#0:_subscriber.PublishAsync(RedisChannel.Literal(""orders""), json)|};
    }

    public async Task PayAsync(string json)
    {
        {|#1:_subscriber.Publish(RedisChannel.Literal(""payments""), json)|};
        await Task.Yield();
    }

    public void Place(string json)
    {
        {|#2:_subscriber.Publish(RedisChannel.Literal(""orders""), json)|};
    }", Fields);
            var fixedSource = InPublisher(@"
    public async Task PlaceAsync(string json)
    {
        await _producer.ProduceAsync(""orders"", new Confluent.Kafka.Message<string, string> { Value = json });
    }

    public async Task PayAsync(string json)
    {
        await _producer.ProduceAsync(""payments"", new Confluent.Kafka.Message<string, string> { Value = json });
        await Task.Yield();
    }

    public void Place(string json)
    {
        _producer.Produce(""orders"", new Confluent.Kafka.Message<string, string> { Value = json }, report =>
        {
            if (report.Error.IsError)
            {
                System.Diagnostics.Trace.TraceError($""Kafka delivery to {report.TopicPartition} failed: {report.Error.Reason}"");
            }
        });
    }", Fields);
            await VerifyFix.CodeFixAsync(source, fixedSource,
                new VerifyOptions { EquivalenceKey = RedisPubSubAsDurableEventLogCodeFix.KafkaKey },
                VerifyFix.Diagnostic(0).WithArguments("_subscriber.PublishAsync", "a message", "orders"),
                VerifyFix.Diagnostic(1).WithArguments("_subscriber.Publish", "a message", "payments"),
                VerifyFix.Diagnostic(2).WithArguments("_subscriber.Publish", "a message", "orders"));
        }
    }
}
