using Microsoft.CodeAnalysis;

namespace MessagingAnalyzers
{
    /// <summary>
    /// Every descriptor of the package. Titles and messages live here so that the docs, the README table
    /// and the release tracking can be checked against one list (see the meta tests).
    /// </summary>
    public static class Descriptors
    {
        /// <summary>Base of every help link; the page of a rule is <c>docs/rules/&lt;ID&gt;.md</c>.</summary>
        public const string HelpLinkBase = "https://github.com/MessagingAnalyzers/MessagingAnalyzers/blob/main/docs/rules/";

        public static readonly DiagnosticDescriptor MSG1001_RedisPubSubAsDurableEventLog = Create(
            DiagnosticIds.RedisPubSubAsDurableEventLog,
            "Redis pub/sub is used as a durable event log",
            "'{0}' publishes {1} on Redis channel '{2}' and ignores how many subscribers received it: pub/sub keeps nothing, so a message sent while no subscriber is listening is lost. Write it to a Redis Stream or produce it to Kafka.",
            DiagnosticCategories.Design,
            DiagnosticSeverity.Warning,
            "Redis pub/sub is fire-and-forget and at-most-once: a message published while no subscriber is connected is gone, and nothing can be replayed. Events and commands that must not be lost belong in a Redis Stream (history, consumer groups) or a Kafka topic (durable, replayable log).");

        public static readonly DiagnosticDescriptor MSG1002_KafkaRequestReply = Create(
            DiagnosticIds.KafkaRequestReply,
            "Kafka is used for request/response",
            "'{0}' produces with '{1}' and then waits for a reply with '{2}': Kafka is an asynchronous log, not a request/response transport, so every call pays several broker round trips and stalls during rebalances. Call the service directly (HTTP/gRPC), or accept the request and serve the result from a projection.",
            DiagnosticCategories.Design,
            DiagnosticSeverity.Warning,
            "Producing a request and then blocking for the reply (consuming a reply topic, awaiting a per-request TaskCompletionSource, polling for a correlation id) makes Kafka's latency, rebalances and retention part of a synchronous call. Use a direct call for request/response, or return 202 Accepted and let a consumer project the result into a fast store (e.g. Redis) that the API reads.");

        public static readonly DiagnosticDescriptor MSG1004_MessagingClientShortLifetime = Create(
            DiagnosticIds.MessagingClientShortLifetime,
            "Register messaging clients as singletons",
            "'{0}' registers '{1}' with a {2} lifetime: each scope or resolution creates a new client with its own connections, threads and buffers, and disposing it drops queued messages. Register it with AddSingleton.",
            DiagnosticCategories.Design,
            DiagnosticSeverity.Warning,
            "Kafka producers, consumers and admin clients and Redis connection multiplexers are thread-safe, expensive, long-lived objects. A scoped or transient registration creates one per request or resolution: connection storms, thread and memory growth, lost in-flight messages when the scope disposes the client.");

        public static readonly DiagnosticDescriptor MSG2002_ProduceAsyncAwaitedInLoop = Create(
            DiagnosticIds.ProduceAsyncAwaitedInLoop,
            "Do not await ProduceAsync one message at a time in a loop",
            "'{0}' is awaited inside a loop: each message waits for its own broker round trip before the next is sent, so the producer cannot batch. Collect the tasks and await Task.WhenAll, or use Produce with a delivery handler and Flush after the loop.",
            DiagnosticCategories.Kafka,
            DiagnosticSeverity.Warning,
            "Awaiting every ProduceAsync inside a loop serializes the messages: throughput drops to one message per round trip. Start all produces and await them together, or use Produce with a delivery handler.");

        public static readonly DiagnosticDescriptor MSG2003_FlushPerMessage = Create(
            DiagnosticIds.FlushPerMessage,
            "Do not flush the producer after every message",
            "'{0}' flushes the producer {1}: every Flush waits until all queued messages are delivered, which disables batching. Flush once, after the loop or at shutdown.",
            DiagnosticCategories.Kafka,
            DiagnosticSeverity.Warning,
            "Flush blocks until every queued message is delivered. Calling it per message turns the asynchronous, batching producer into a synchronous one. Flush once after a batch, or before disposing the producer at shutdown.");

        public static readonly DiagnosticDescriptor MSG2004_ClientBuiltPerOperation = Create(
            DiagnosticIds.ClientBuiltPerOperation,
            "Do not build a Kafka client per operation",
            "'{0}' builds a new {1} {2}: each client opens its own broker connections and threads, and a consumer joins the group again. Build one long-lived client (a DI singleton) and reuse it.",
            DiagnosticCategories.Kafka,
            DiagnosticSeverity.Warning,
            "Producers, consumers and admin clients are heavy, thread-safe and meant to live as long as the application. Building one per message or per request costs connections, metadata requests and rebalances, and a client that is neither stored nor disposed leaks its threads.");

        public static readonly DiagnosticDescriptor MSG2005_ProducerDisposedWithoutFlush = Create(
            DiagnosticIds.ProducerDisposedWithoutFlush,
            "Flush the producer before disposing it",
            "Producer '{0}' is disposed after '{1}' without a Flush: messages still queued in the client are lost. Call Flush before the producer is disposed.",
            DiagnosticCategories.Kafka,
            DiagnosticSeverity.Warning,
            "Produce and an un-awaited ProduceAsync only queue the message in the client. Disposing the producer does not wait for the queue to drain; call Flush(timeout) first.");

        public static readonly DiagnosticDescriptor MSG2009_WeakProducerDurability = Create(
            DiagnosticIds.WeakProducerDurability,
            "Producer configuration weakens durability",
            "'{0}' weakens producer durability: {1}.",
            DiagnosticCategories.Kafka,
            DiagnosticSeverity.Warning,
            "acks=0 or acks=1 lose acknowledged messages when a broker fails; disabling idempotence lets retries duplicate or reorder messages; disabling delivery reports hides failures. Use Acks.All with EnableIdempotence = true.");

        public static readonly DiagnosticDescriptor MSG2010_DeliveryResultUnobserved = Create(
            DiagnosticIds.DeliveryResultUnobserved,
            "Observe the delivery result of a produced message",
            "{0}: a failed delivery goes unnoticed and the message is silently lost. {1}.",
            DiagnosticCategories.Kafka,
            DiagnosticSeverity.Warning,
            "Produce without a delivery handler and a discarded ProduceAsync task give no way to learn that a message was not delivered. Pass a delivery handler that reports report.Error, or await the task.");

        public static readonly DiagnosticDescriptor MSG2012_NullKeyLosesOrdering = Create(
            DiagnosticIds.NullKeyLosesOrdering,
            "Key messages by their entity id",
            "'{0}' produces '{1}' messages with a Null key although they carry '{2}': without a key they are spread over partitions and the order of one entity's messages is lost. Key them by '{2}'.",
            DiagnosticCategories.Kafka,
            DiagnosticSeverity.Info,
            "Kafka orders messages within a partition only, and the key chooses the partition. Messages about one entity (an order, an account) must share a key to be processed in order.");

        public static readonly DiagnosticDescriptor MSG2014_LargeMessageConfig = Create(
            DiagnosticIds.LargeMessageConfig,
            "Large Kafka messages need compression and matching limits",
            "{0}: large messages strain brokers and consumers. Enable compression and raise the topic and consumer limits to match, or store the payload elsewhere and send its key (claim check).",
            DiagnosticCategories.Kafka,
            DiagnosticSeverity.Info,
            "Kafka handles large messages only with matching producer, topic, broker and consumer limits, and benefits from compression. File contents are better stored in blob storage with only their reference sent through Kafka.");

        public static readonly DiagnosticDescriptor MSG2001_ProduceAsyncBlocked = Create(
            DiagnosticIds.ProduceAsyncBlocked,
            "Do not block on ProduceAsync",
            "'{0}' blocks on the task of '{1}': the thread waits for a full broker round trip per message and can deadlock under a synchronization context. Await it, or use Produce with a delivery handler.",
            DiagnosticCategories.Kafka,
            DiagnosticSeverity.Warning,
            "Blocking on ProduceAsync (.Result, .Wait(), .GetAwaiter().GetResult(), Task.WaitAll) turns the batching producer into one synchronous round trip per message and holds a thread while it waits. Await the task in async code; in synchronous code call Produce with a delivery handler and Flush before shutdown.");

        private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity, string description)
        {
            return new DiagnosticDescriptor(
                id,
                title,
                message,
                category,
                severity,
                isEnabledByDefault: true,
                description: description,
                helpLinkUri: HelpLinkBase + id + ".md");
        }
    }
}
