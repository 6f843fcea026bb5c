using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace MessagingAnalyzers
{
    /// <summary>
    /// The per-compilation view every rule starts from: which client libraries are referenced (and
    /// their symbols), and the framework symbols. Created once per compilation by
    /// <see cref="MessagingAnalyzer"/>; immutable, so it is safe to share across concurrent callbacks.
    /// </summary>
    internal sealed class MessagingContext
    {
        private MessagingContext(Compilation compilation, KafkaLibrary? kafka, RedisLibrary? redis)
        {
            Compilation = compilation;
            Kafka = kafka;
            Redis = redis;
            Framework = new FrameworkSymbols(compilation);
            Code = new CodeContext(Framework);
        }

        public Compilation Compilation { get; }

        /// <summary>Confluent.Kafka, or null when it is not referenced.</summary>
        public KafkaLibrary? Kafka { get; }

        /// <summary>StackExchange.Redis, or null when it is not referenced.</summary>
        public RedisLibrary? Redis { get; }

        public FrameworkSymbols Framework { get; }

        /// <summary>Questions about the user's code: request handlers, hosted services, tests, entry points.</summary>
        public CodeContext Code { get; }

        /// <summary>A long-lived messaging client: Kafka producer/consumer/admin client or Redis multiplexer.</summary>
        public bool IsMessagingClient(ITypeSymbol? type) =>
            Kafka?.IsClient(type) == true || Redis?.IsMultiplexer(type) == true;

        /// <summary>
        /// The context, or null when none of the <paramref name="required"/> libraries is referenced (resolved once
        /// per compilation; a compilation without the clients pays two type lookups, once).
        /// </summary>
        public static MessagingContext? TryCreate(Compilation compilation, ClientLibraries required)
        {
            // One context per compilation, shared by every rule (each rule asks at its compilation start; resolving
            // the symbols once per rule was a sixth of the package's time).
            var context = Contexts.GetValue(compilation, static c => new Resolved(Create(c))).Context;
            if (context is null)
            {
                return null;
            }

            var available = (context.Kafka is null ? 0 : ClientLibraries.Kafka) | (context.Redis is null ? 0 : ClientLibraries.Redis);
            return (available & required) == 0 ? null : context;
        }

        private static readonly ConditionalWeakTable<Compilation, Resolved> Contexts = new();

        private static MessagingContext? Create(Compilation compilation)
        {
            var kafka = KafkaLibrary.TryCreate(compilation);
            var redis = RedisLibrary.TryCreate(compilation);
            return kafka is null && redis is null ? null : new MessagingContext(compilation, kafka, redis);
        }

        /// <summary>The context of a compilation, or null when it references neither client (cached too).</summary>
        private sealed class Resolved
        {
            public Resolved(MessagingContext? context) => Context = context;

            public MessagingContext? Context { get; }
        }
    }
}
