using Microsoft.CodeAnalysis;

namespace MessagingAnalyzers
{
    /// <summary>
    /// Every descriptor of the package. Titles and messages live here so that the docs, the README table
    /// and the release tracking can be checked against one list (see the meta tests).
    /// </summary>
    public static class Descriptors
    {
        /// <summary>
        /// Base of every help link; the page of a rule is <c>docs/rules/&lt;ID&gt;.md</c>. Generated at build time from
        /// the <c>RepositoryUrl</c> property of Directory.Build.props (the one place the address is written).
        /// </summary>
        public const string HelpLinkBase = RepositoryInfo.RulesDocsUrl;

        public static readonly DiagnosticDescriptor MSG1001_RedisPubSubAsDurableEventLog = Create(
            DiagnosticIds.RedisPubSubAsDurableEventLog,
            "Redis pub/sub is used as a durable event log",
            "'{0}' publishes {1} on Redis channel '{2}' and ignores how many subscribers received it: pub/sub keeps nothing, so a message sent while no subscriber is listening is lost. Write it to a Redis Stream or produce it to Kafka.",
            DiagnosticCategories.Design,
            DiagnosticSeverity.Info,
            "Redis pub/sub is fire-and-forget and at-most-once: a message published while no subscriber is connected is gone, and nothing can be replayed. Events and commands that must not be lost belong in a Redis Stream (history, consumer groups) or a Kafka topic (durable, replayable log).");

        public static readonly DiagnosticDescriptor MSG1002_KafkaRequestReply = Create(
            DiagnosticIds.KafkaRequestReply,
            "Kafka is used for request/response",
            "'{0}' produces with '{1}' and then waits for a reply with '{2}': Kafka is an asynchronous log, not a request/response transport, so every call pays several broker round trips and stalls during rebalances. Call the service directly (HTTP/gRPC), or accept the request and serve the result from a projection.",
            DiagnosticCategories.Design,
            DiagnosticSeverity.Info,
            "Producing a request and then blocking for the reply (consuming a reply topic, awaiting a per-request TaskCompletionSource, polling for a correlation id) makes Kafka's latency, rebalances and retention part of a synchronous call. Use a direct call for request/response, or return 202 Accepted and let a consumer project the result into a fast store (e.g. Redis) that the API reads.");

        public static readonly DiagnosticDescriptor MSG1003_KafkaConsumedInRequestPath = Create(
            DiagnosticIds.KafkaConsumedInRequestPath,
            "Do not consume Kafka in a request handler",
            "'{0}' calls '{1}' while handling a request: a consumer joins its group, waits for partition assignment and polls, so the request takes seconds and every request rebalances the group. Consume in a BackgroundService that projects the data into a fast store (e.g. Redis), and read that store here.",
            DiagnosticCategories.Design,
            DiagnosticSeverity.Info,
            "Kafka is the wrong abstraction for low-latency reads. Building, subscribing or consuming inside a request handler makes each request pay group membership and polling. Keep a long-running consumer in a hosted service that projects what the API needs into Redis (or another store), and read that in the handler.");

        public static readonly DiagnosticDescriptor MSG1004_MessagingClientShortLifetime = Create(
            DiagnosticIds.MessagingClientShortLifetime,
            "Register messaging clients as singletons",
            "'{0}' registers '{1}' with a {2} lifetime: each scope or resolution creates a new client with its own connections, threads and buffers, and disposing it drops queued messages. Register it with AddSingleton.",
            DiagnosticCategories.Design,
            DiagnosticSeverity.Info,
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
            DiagnosticSeverity.Info,
            "Flush blocks until every queued message is delivered. Calling it per message turns the asynchronous, batching producer into a synchronous one. Flush once after a batch, or before disposing the producer at shutdown.");

        public static readonly DiagnosticDescriptor MSG2004_ClientBuiltPerOperation = Create(
            DiagnosticIds.ClientBuiltPerOperation,
            "Do not build a Kafka client per operation",
            "'{0}' builds a new {1} {2}: {3}. Build one long-lived client (a DI singleton) and reuse it.",
            DiagnosticCategories.Kafka,
            DiagnosticSeverity.Info,
            "Producers, consumers and admin clients are heavy, thread-safe and meant to live as long as the application. Building one per message or per request costs connections, metadata requests and rebalances, and a client that is neither stored nor disposed leaks its threads.");

        public static readonly DiagnosticDescriptor MSG2005_ProducerDisposedWithoutFlush = Create(
            DiagnosticIds.ProducerDisposedWithoutFlush,
            "Flush the producer before disposing it",
            "Producer '{0}' is disposed after '{1}' without a Flush: messages still queued in the client are lost. Call Flush before the producer is disposed.",
            DiagnosticCategories.Kafka,
            DiagnosticSeverity.Info,
            "Produce and an un-awaited ProduceAsync only queue the message in the client. Disposing the producer does not wait for the queue to drain; call Flush(timeout) first.");

        public static readonly DiagnosticDescriptor MSG2006_ConsumerDisposedWithoutClose = Create(
            DiagnosticIds.ConsumerDisposedWithoutClose,
            "Close the consumer before disposing it",
            "Consumer '{0}' {1}: it leaves its group without a final offset commit, and the group waits a full session timeout before its partitions are reassigned. Call Close() in a finally block before disposing it.",
            DiagnosticCategories.Kafka,
            DiagnosticSeverity.Info,
            "Dispose does not leave the consumer group cleanly. Close commits the final offsets (with auto commit) and leaves the group at once, so the remaining members get the partitions without waiting for the session timeout.");

        public static readonly DiagnosticDescriptor MSG2007_OffsetStoredBeforeProcessing = Create(
            DiagnosticIds.OffsetStoredBeforeProcessing,
            "Offsets are stored before the message is processed",
            "{0}: if processing fails or the process stops, the message is skipped (at-most-once). Set EnableAutoOffsetStore = false and call StoreOffset after processing.",
            DiagnosticCategories.Kafka,
            DiagnosticSeverity.Info,
            "With the default EnableAutoOffsetStore = true, the offset of a message is stored when Consume returns it, and the next auto commit commits it even if processing fails. Store the offset yourself after processing for at-least-once delivery.");

        public static readonly DiagnosticDescriptor MSG2008_StoreOffsetWithAutoStoreEnabled = Create(
            DiagnosticIds.StoreOffsetWithAutoStoreEnabled,
            "StoreOffset needs EnableAutoOffsetStore = false",
            "'{0}.StoreOffset' is called but the consumer's config does not set EnableAutoOffsetStore = false: offsets are already stored when Consume returns, so StoreOffset does not protect unprocessed messages. Set EnableAutoOffsetStore = false.",
            DiagnosticCategories.Kafka,
            DiagnosticSeverity.Info,
            "StoreOffset after processing only gives at-least-once delivery when automatic offset storing is off; otherwise Consume has stored the offset already.");

        public static readonly DiagnosticDescriptor MSG1005_DualWriteWithoutOutbox = Create(
            DiagnosticIds.DualWriteWithoutOutbox,
            "Dual write without an outbox",
            "'{0}' sends a message with '{1}' and also writes with '{2}' in the same method, with no transaction or outbox: if one succeeds and the other fails, the store and the event stream disagree for good. Write to the store and an outbox table in one transaction and relay the outbox, or produce first and let a consumer update the store.",
            DiagnosticCategories.Design,
            DiagnosticSeverity.Info,
            "Writing to a database (or Redis state) and publishing a message are two systems; neither order is safe when the second write fails. The transactional outbox pattern, or event-first processing with a consumer that projects into the store, keeps them consistent.");

        public static readonly DiagnosticDescriptor MSG1006_LargePayloadThroughRedis = Create(
            DiagnosticIds.LargePayloadThroughRedis,
            "Large payloads do not belong in Redis",
            "'{0}' writes {1} to Redis: large values block the single-threaded server for every client and fill its memory. Store the blob elsewhere and keep its key in Redis (claim check), or send it through Kafka with compression.",
            DiagnosticCategories.Design,
            DiagnosticSeverity.Info,
            "Redis keeps everything in memory and serves all clients from one thread; a multi-megabyte value delays every other command while it is written, replicated and read. Put blobs in object storage and keep references in Redis.");

        public static readonly DiagnosticDescriptor MSG2009_WeakProducerDurability = Create(
            DiagnosticIds.WeakProducerDurability,
            "Producer configuration weakens durability",
            "'{0}' weakens producer durability: {1}.",
            DiagnosticCategories.Kafka,
            DiagnosticSeverity.Info,
            "acks=0 or acks=1 lose acknowledged messages when a broker fails; disabling idempotence lets retries duplicate or reorder messages; disabling delivery reports hides failures. Use Acks.All with EnableIdempotence = true.");

        public static readonly DiagnosticDescriptor MSG2010_DeliveryResultUnobserved = Create(
            DiagnosticIds.DeliveryResultUnobserved,
            "Observe the delivery result of a produced message",
            "{0}: a failed delivery goes unnoticed and the message is silently lost. {1}.",
            DiagnosticCategories.Kafka,
            DiagnosticSeverity.Info,
            "Produce without a delivery handler and a discarded ProduceAsync task give no way to learn that a message was not delivered. Pass a delivery handler that reports report.Error, or await the task.");

        public static readonly DiagnosticDescriptor MSG2011_ConsumeErrorsUnhandled = Create(
            DiagnosticIds.ConsumeErrorsUnhandled,
            "Handle ConsumeException in the consume loop",
            "'{0}' {1} in {2}: one message that cannot be consumed (for example one that does not deserialize) ends the loop and stops the consumer. Catch ConsumeException inside the loop, log it or dead-letter e.ConsumerRecord, and continue.",
            DiagnosticCategories.Kafka,
            DiagnosticSeverity.Info,
            "Consume throws ConsumeException for a message it cannot deliver (for example a deserialization error). With no catch inside a consume loop that is meant to run for the life of the service, one poison message stops the consumer for good.");

        public static readonly DiagnosticDescriptor MSG2012_NullKeyLosesOrdering = Create(
            DiagnosticIds.NullKeyLosesOrdering,
            "Key messages by their entity id",
            "'{0}' produces {1} with a Null key although they carry '{2}': without a key they are spread over partitions and the order of one entity's messages is lost. Key them by '{2}'.",
            DiagnosticCategories.Kafka,
            DiagnosticSeverity.Info,
            "Kafka orders messages within a partition only, and the key chooses the partition. Messages about one entity (an order, an account) must share a key to be processed in order.");

        public static readonly DiagnosticDescriptor MSG2013_ConsumeBlocksAsyncContext = Create(
            DiagnosticIds.ConsumeBlocksAsyncContext,
            "Do not call the blocking Consume in async code",
            "{0}: {1}. {2}.",
            DiagnosticCategories.Kafka,
            DiagnosticSeverity.Info,
            "IConsumer.Consume blocks the calling thread until a message arrives or the timeout expires. In async code it holds a thread-pool thread for the life of the loop; in BackgroundService.ExecuteAsync before the first await it blocks the host from starting.");

        public static readonly DiagnosticDescriptor MSG2014_LargeMessageConfig = Create(
            DiagnosticIds.LargeMessageConfig,
            "Large Kafka messages need compression and matching limits",
            "{0}: large messages strain brokers and consumers. Enable compression and raise the topic and consumer limits to match, or store the payload elsewhere and send its key (claim check).",
            DiagnosticCategories.Kafka,
            DiagnosticSeverity.Info,
            "Kafka handles large messages only with matching producer, topic, broker and consumer limits, and benefits from compression. File contents are better stored in blob storage with only their reference sent through Kafka.");

        public static readonly DiagnosticDescriptor MSG2015_SubscribeWithoutGroupId = Create(
            DiagnosticIds.SubscribeWithoutGroupId,
            "Subscribe needs a GroupId",
            "'{0}.Subscribe' is called on a consumer whose config {1}: Subscribe fails at run time. Set GroupId in the ConsumerConfig, or use Assign for a consumer without a group.",
            DiagnosticCategories.Kafka,
            DiagnosticSeverity.Info,
            "Subscribing joins a consumer group, which needs group.id. Consumers that read fixed partitions without a group use Assign instead.");

        public static readonly DiagnosticDescriptor MSG2016_EphemeralConsumerGroup = Create(
            DiagnosticIds.EphemeralConsumerGroup,
            "Do not commit offsets for a random consumer group",
            "'{0}' gives the consumer a new group id on every start while offsets are committed: each run starts a new group that never reuses its offsets, and orphan groups pile up on the brokers. Use a stable group id per service, or EnableAutoCommit = false for a broadcast reader.",
            DiagnosticCategories.Kafka,
            DiagnosticSeverity.Info,
            "A group id made from a Guid or the time is a new group on every start. Committed offsets are never read again, and every such group stays registered on the brokers until it expires.");

        public static readonly DiagnosticDescriptor MSG2017_CommitAfterFailure = Create(
            DiagnosticIds.CommitAfterFailure,
            "Do not commit offsets after a failure",
            "'{0}' is called {1}: a message whose processing failed is marked as done and never retried. Commit on the success path only, or dead-letter the message before committing.",
            DiagnosticCategories.Kafka,
            DiagnosticSeverity.Info,
            "Committing or storing an offset in a finally block, or in a catch block that does not dead-letter the message, acknowledges messages whose processing failed.");

        public static readonly DiagnosticDescriptor MSG2018_CommitFromConcurrentProcessing = Create(
            DiagnosticIds.CommitFromConcurrentProcessing,
            "Do not commit offsets from concurrent processing",
            "'{0}' is called from work that '{1}' starts concurrently in a consume loop: offsets are committed out of order, so after a crash messages that were still being processed are skipped. Process each partition in order, or commit only contiguous completed offsets.",
            DiagnosticCategories.Kafka,
            DiagnosticSeverity.Info,
            "Kafka offsets are positions: committing offset N marks everything before N as done. Work finishing out of order commits past messages that have not been processed yet.");

        public static readonly DiagnosticDescriptor MSG3001_MultiplexerPerOperation = Create(
            DiagnosticIds.MultiplexerPerOperation,
            "Share one ConnectionMultiplexer",
            "'{0}' connects a new ConnectionMultiplexer {1}: each one opens its own connections and background threads, and connecting takes a round trip or more. Create one multiplexer for the application and share it.",
            DiagnosticCategories.Redis,
            DiagnosticSeverity.Info,
            "ConnectionMultiplexer is designed to be created once and shared; it multiplexes all commands over its connections and reconnects by itself. Connecting per operation exhausts sockets and threads, and disposing it on !IsConnected fights its own reconnection.");

        public static readonly DiagnosticDescriptor MSG3002_DestructivePopQueue = Create(
            DiagnosticIds.DestructivePopQueue,
            "A popped work item is lost if the worker dies",
            "'{0}' removes the item from the list before it is processed: if the worker crashes or is stopped, the item is gone. Move it to a processing list with ListMove (LMOVE) and remove it after processing, or use a Stream with a consumer group.",
            DiagnosticCategories.Redis,
            DiagnosticSeverity.Warning,
            "ListLeftPop/ListRightPop remove the item at once; a worker that dies before finishing loses it. The reliable-queue pattern moves the item to a per-worker processing list atomically and removes it only when done; Streams with consumer groups track pending entries for you.");

        public static readonly DiagnosticDescriptor MSG3003_StreamEntriesNeverAcknowledged = Create(
            DiagnosticIds.StreamEntriesNeverAcknowledged,
            "Acknowledge stream entries read with a consumer group",
            "{0}: the entries stay in the group's pending list forever, so the list grows without bound and failed entries are never told apart from processed ones. Call StreamAcknowledge after processing and reclaim stuck entries with StreamAutoClaim.",
            DiagnosticCategories.Redis,
            DiagnosticSeverity.Info,
            "Entries read with XREADGROUP stay pending until XACK. Without acknowledgements the pending entries list only grows, and recovery (XAUTOCLAIM) cannot distinguish crashed work from finished work.",
            compilationEnd: true);

        public static readonly DiagnosticDescriptor MSG3004_StreamAcknowledgedBeforeProcessing = Create(
            DiagnosticIds.StreamAcknowledgedBeforeProcessing,
            "Acknowledge stream entries after processing them",
            "'{0}' acknowledges the entries of '{1}' before they are processed: if processing fails, the entries are no longer pending and are never retried. Acknowledge each entry after it is processed.",
            DiagnosticCategories.Redis,
            DiagnosticSeverity.Info,
            "XACK removes an entry from the pending list. Acknowledged before processing, an entry whose processing fails is lost, the same as an at-most-once queue.");

        public static readonly DiagnosticDescriptor MSG3005_StreamGrowsUnbounded = Create(
            DiagnosticIds.StreamGrowsUnbounded,
            "Cap the length of Redis streams",
            "'{0}' adds to {1} without maxLength, and nothing in the code trims or deletes it: {2}.",
            DiagnosticCategories.Redis,
            DiagnosticSeverity.Info,
            "Redis streams keep every entry until trimmed, in memory. Cap them at write time (MAXLEN ~) or trim them periodically.",
            compilationEnd: true);

        public static readonly DiagnosticDescriptor MSG3006_NonAtomicIncrementExpire = Create(
            DiagnosticIds.NonAtomicIncrementExpire,
            "Increment and expire atomically",
            "'{0}' and '{1}' on the same key are separate commands: if the process stops between them, or the expire fails, the counter may never expire{2}. Do both in one Lua script with ScriptEvaluate.",
            DiagnosticCategories.Redis,
            DiagnosticSeverity.Info,
            "INCR followed by EXPIRE is the classic rate-limiter race. Run both in one script (or a transaction) so the key can never exist without its TTL.");

        public static readonly DiagnosticDescriptor MSG3007_UnsafeLock = Create(
            DiagnosticIds.UnsafeLock,
            "Distributed lock can be held forever or released by another owner",
            "'{0}' {1}. Use a finite expiry, a unique token per owner (a Guid), and release the lock in a finally block with LockRelease.",
            DiagnosticCategories.Redis,
            DiagnosticSeverity.Info,
            "A Redis lock needs an expiry (a crashed owner must not hold it forever), a token unique to the owner (so one owner cannot release another's lock), and a release on every path.");

        public static readonly DiagnosticDescriptor MSG3008_SubscribeHandlerUnsafe = Create(
            DiagnosticIds.SubscribeHandlerUnsafe,
            "Subscription handlers must not lose exceptions",
            "The handler given to '{0}' {1}: {2}. Subscribe to a ChannelMessageQueue with Subscribe(channel).OnMessage(...) and handle exceptions inside the handler.",
            DiagnosticCategories.Redis,
            DiagnosticSeverity.Warning,
            "Handlers passed to Subscribe run on the library's threads. An exception thrown by a synchronous handler is caught by the library and lost; an async lambda or async method given as the handler runs as async void, and an exception it throws escapes to the thread pool and crashes the process. ChannelMessageQueue.OnMessage with a Func<ChannelMessage, Task> awaits the handler in order; wrap its body in try/catch.");

        public static readonly DiagnosticDescriptor MSG3009_CacheEntryWithoutExpiry = Create(
            DiagnosticIds.CacheEntryWithoutExpiry,
            "Cache entries need an expiry",
            "'{0}' writes the cache entry '{1}' without an expiry: it is never refreshed from the source of truth and stays in memory until evicted. Pass an expiry.",
            DiagnosticCategories.Redis,
            DiagnosticSeverity.Info,
            "Cached values go stale; without a TTL they live until eviction, serving stale data and filling memory.");

        public static readonly DiagnosticDescriptor MSG3010_KeyspaceScan = Create(
            DiagnosticIds.KeyspaceScan,
            "Do not scan the keyspace in application code",
            "{0}: {1}. Keep the keys you need in a set (SADD/SMEMBERS) and scan only in offline maintenance.",
            DiagnosticCategories.Redis,
            DiagnosticSeverity.Info,
            "KEYS walks every key while the single-threaded server serves nobody else; SCAN (IServer.Keys) is incremental but still touches the whole keyspace on every request or loop turn.");

        /// <summary>
        /// MSG3010 for <c>IServer.Keys/KeysAsync</c> in a method that deletes by prefix or clears: a suggestion (SCAN does
        /// not block the server, and deleting what it finds is a legitimate way to clear), not a warning.
        /// </summary>
        public static readonly DiagnosticDescriptor MSG3010_KeyspaceScanToDelete = Create(
            DiagnosticIds.KeyspaceScan,
            "Do not scan the keyspace in application code",
            "'{0}' in '{1}' {2}.",
            DiagnosticCategories.Redis,
            DiagnosticSeverity.Info,
            "IServer.Keys pages with SCAN: it does not block the server, but it visits every key of the database to find the few that match. A delete-by-prefix or clear method that scans is correct, and costs O(keyspace) per call; an index set (SADD when writing, SMEMBERS + DEL when clearing) or a database of its own (FLUSHDB) makes it O(keys deleted).");

        public static readonly DiagnosticDescriptor MSG3011_BlockingCommandOnMultiplexer = Create(
            DiagnosticIds.BlockingCommandOnMultiplexer,
            "Do not send blocking commands through the shared multiplexer",
            "'{0}' sends the blocking command {1}: it stalls the multiplexed connection, and every other command of the application waits behind it. Use pub/sub as a wake-up with a non-blocking pop, or Streams.",
            DiagnosticCategories.Redis,
            DiagnosticSeverity.Info,
            "StackExchange.Redis multiplexes all commands over shared connections; a command that blocks on the server (BLPOP, BRPOP, BLMOVE, XREAD BLOCK, WAIT, ...) blocks everything behind it.");

        public static readonly DiagnosticDescriptor MSG3012_FireAndForgetDurableWrite = Create(
            DiagnosticIds.FireAndForgetDurableWrite,
            "Do not send durable writes fire-and-forget",
            "'{0}' uses CommandFlags.FireAndForget: if the write fails (the connection drops, the server is out of memory), nobody knows and the {1} is lost. Remove the flag and await the result.",
            DiagnosticCategories.Redis,
            DiagnosticSeverity.Info,
            "FireAndForget returns before the server answers and discards errors. It suits cache writes and counters, not stream entries, queue items or locks.");

        public static readonly DiagnosticDescriptor MSG3013_SyncRedisCallInAsyncMethod = Create(
            DiagnosticIds.SyncRedisCallInAsyncMethod,
            "Use the async Redis API in async code",
            "'{0}' is a synchronous Redis call in async code: it blocks the thread for a round trip. Await '{1}' instead.",
            DiagnosticCategories.Redis,
            DiagnosticSeverity.Info,
            "Synchronous calls block the calling thread until Redis replies; in async code that wastes thread-pool threads. Every IDatabase and ISubscriber command has an Async twin.");

        public static readonly DiagnosticDescriptor MSG4001_HardcodedMessagingCredential = Create(
            DiagnosticIds.HardcodedMessagingCredential,
            "Do not hard-code messaging credentials",
            "{0} is a hard-coded credential: it ends up in source control, build artifacts and logs, and cannot be rotated without a release. Read it from configuration or a secret store.",
            DiagnosticCategories.Security,
            DiagnosticSeverity.Info,
            "Passwords and client secrets for Kafka (SASL, SSL keys, OAuth) and Redis belong in configuration providers, environment variables or a secret store, never in source code.");

        public static readonly DiagnosticDescriptor MSG4002_CertificateValidationDisabled = Create(
            DiagnosticIds.CertificateValidationDisabled,
            "Do not disable TLS certificate validation",
            "{0} turns off TLS certificate validation: anyone on the network path can impersonate the broker or server and read or change every message. Trust the right CA instead.",
            DiagnosticCategories.Security,
            DiagnosticSeverity.Info,
            "Disabling certificate or host-name verification makes TLS worthless against an active attacker. Configure the CA (SslCaLocation, a custom trust store) rather than accepting any certificate.");

        public static readonly DiagnosticDescriptor MSG4003_CredentialsOverPlaintext = Create(
            DiagnosticIds.CredentialsOverPlaintext,
            "Do not send credentials over plaintext connections",
            "{0}: the password crosses the network in clear text. Use TLS (SecurityProtocol.SaslSsl for Kafka, ssl=true for Redis).",
            DiagnosticCategories.Security,
            DiagnosticSeverity.Info,
            "SASL/PLAIN over a plaintext connection, or a Redis password without TLS to a remote host, sends the credential readable to anyone on the path.");

        public static readonly DiagnosticDescriptor MSG4004_LuaScriptInjection = Create(
            DiagnosticIds.LuaScriptInjection,
            "Do not build Lua scripts from data",
            "The Lua script passed to '{0}' is built from {1}: data can change what the script does on the server (script injection), and every distinct text is cached as a new script. Use a constant script and pass data through KEYS and ARGV.",
            DiagnosticCategories.Security,
            DiagnosticSeverity.Info,
            "Redis runs Lua scripts with full access to the data. Text built from input can inject commands, and each different script text fills the script cache. Keep the script constant and pass values as keys and arguments.");

        public static readonly DiagnosticDescriptor MSG4005_RedisAdminModeEnabled = Create(
            DiagnosticIds.RedisAdminModeEnabled,
            "Redis admin mode is enabled",
            "{0} enables admin commands (FLUSHALL, CONFIG, SHUTDOWN...) for the whole application: a bug or an injected call can wipe or reconfigure the server. Enable it only in a separate maintenance connection.",
            DiagnosticCategories.Security,
            DiagnosticSeverity.Info,
            "AllowAdmin lets the multiplexer send dangerous server commands. Application connections rarely need it.");

        public static readonly DiagnosticDescriptor MSG2001_ProduceAsyncBlocked = Create(
            DiagnosticIds.ProduceAsyncBlocked,
            "Do not block on ProduceAsync",
            "'{0}' blocks on the task of '{1}': the thread waits for a full broker round trip per message and can deadlock under a synchronization context. Await it, or use Produce with a delivery handler.",
            DiagnosticCategories.Kafka,
            DiagnosticSeverity.Info,
            "Blocking on ProduceAsync (.Result, .Wait(), .GetAwaiter().GetResult(), Task.WaitAll) turns the batching producer into one synchronous round trip per message and holds a thread while it waits. Await the task in async code; in synchronous code call Produce with a delivery handler and Flush before shutdown.");

        /// <summary>MSGS001: Produce with a delivery handler is the client's non-blocking API.</summary>
        public static readonly SuppressionDescriptor MSGS001_CA1849 = new(
            SuppressionIds.ProduceWithDeliveryHandlerIsNotBlocking,
            "CA1849",
            "IProducer.Produce with a delivery handler is Confluent.Kafka's non-blocking, high-throughput API: it queues the message and reports delivery to the handler; it does not block like a synchronous call.");

        /// <summary>MSGS001 for vs-threading's VSTHRD103.</summary>
        public static readonly SuppressionDescriptor MSGS001_VSTHRD103 = new(
            SuppressionIds.ProduceWithDeliveryHandlerIsNotBlocking,
            "VSTHRD103",
            "IProducer.Produce with a delivery handler is Confluent.Kafka's non-blocking, high-throughput API: it queues the message and reports delivery to the handler; it does not block like a synchronous call.");

        private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity, string description, bool compilationEnd = false)
        {
            return new DiagnosticDescriptor(
                id,
                title,
                message,
                category,
                severity,
                isEnabledByDefault: true,
                description: description,
                helpLinkUri: HelpLinkBase + id + ".md",
                customTags: compilationEnd ? new[] { WellKnownDiagnosticTags.CompilationEnd } : System.Array.Empty<string>());
        }
    }
}
