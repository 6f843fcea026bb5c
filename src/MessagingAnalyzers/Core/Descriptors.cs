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
