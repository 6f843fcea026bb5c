using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers
{
    /// <summary>
    /// What the package knows about Confluent.Kafka, resolved once per compilation.
    /// <see cref="TryCreate"/> returns null when the compilation does not reference the client.
    /// </summary>
    internal sealed class KafkaLibrary
    {
        private KafkaLibrary(Compilation compilation, INamedTypeSymbol producer)
        {
            // The other types come from the same assembly: looking there is much cheaper than asking the compilation.
            var assembly = producer.ContainingAssembly;
            Producer = producer;
            Consumer = assembly.GetTypeByMetadataName("Confluent.Kafka.IConsumer`2");
            Message = assembly.GetTypeByMetadataName("Confluent.Kafka.Message`2");
            DeliveryReport = assembly.GetTypeByMetadataName("Confluent.Kafka.DeliveryReport`2");
            Null = assembly.GetTypeByMetadataName("Confluent.Kafka.Null");
            AdminClient = assembly.GetTypeByMetadataName("Confluent.Kafka.IAdminClient");
            Config = assembly.GetTypeByMetadataName("Confluent.Kafka.Config");
            ProducerConfig = assembly.GetTypeByMetadataName("Confluent.Kafka.ProducerConfig");
            ConsumerConfig = assembly.GetTypeByMetadataName("Confluent.Kafka.ConsumerConfig");
            ProducerBuilder = assembly.GetTypeByMetadataName("Confluent.Kafka.ProducerBuilder`2");
            ConsumerBuilder = assembly.GetTypeByMetadataName("Confluent.Kafka.ConsumerBuilder`2");
            AdminClientBuilder = assembly.GetTypeByMetadataName("Confluent.Kafka.AdminClientBuilder");
            DependentProducerBuilder = assembly.GetTypeByMetadataName("Confluent.Kafka.DependentProducerBuilder`2");
            ConsumeException = assembly.GetTypeByMetadataName("Confluent.Kafka.ConsumeException");
            Version = producer.ContainingAssembly.Identity.Version;
            _assembly = new ClientAssembly(assembly, compilation);
            _apiNames = new Lazy<NameScan>(() => ApiNamesByAssembly.GetValue(assembly, a => CollectApiNames(a, this)));
        }

        private readonly Lazy<NameScan> _apiNames;

        /// <summary>
        /// The API names depend on the Confluent.Kafka assembly alone, and compilations that reference the same file
        /// share its assembly symbol (an IDE makes a new compilation on every edit): collected once per assembly.
        /// </summary>
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IAssemblySymbol, NameScan> ApiNamesByAssembly = new();

        /// <summary>Which assemblies can declare Kafka-related types: asked before any interface or base-type walk.</summary>
        private readonly ClientAssembly _assembly;

        /// <summary>
        /// Could this declaration (a type, or the top-level statements) create, configure or call a Kafka client?
        /// A syntactic check, so that types that cannot are not walked: true when its text names a client, config
        /// or builder type of Confluent.Kafka or one of their members (<c>ProduceAsync</c>, <c>BootstrapServers</c>,
        /// <c>Build</c> ...), or has a string that looks like a librdkafka key (<c>"sasl.password"</c>, for configs
        /// built as string dictionaries).
        /// </summary>
        public bool MayUseClients(SyntaxNode declaration) => _apiNames.Value.AnyIn(declaration);

        /// <summary>As <see cref="MayUseClients(SyntaxNode)"/>, also looking for <paramref name="extraNames"/> (a type's client fields).</summary>
        public bool MayUseClients(SyntaxNode declaration, ImmutableArray<string> extraNames) => _apiNames.Value.AnyIn(declaration, extraNames);

        /// <summary>Names of the client, config and builder types of the library and of their members.</summary>
        private static NameScan CollectApiNames(IAssemblySymbol assembly, KafkaLibrary kafka)
        {
            var names = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
            var namespaces = new System.Collections.Generic.Stack<INamespaceSymbol>();
            namespaces.Push(assembly.GlobalNamespace);
            while (namespaces.Count > 0)
            {
                var ns = namespaces.Pop();
                foreach (var nested in ns.GetNamespaceMembers())
                {
                    namespaces.Push(nested);
                }

                foreach (var type in ns.GetTypeMembers())
                {
                    if (type.DeclaredAccessibility != Accessibility.Public
                        || !(kafka.IsClient(type) || kafka.IsConfig(type) || kafka.IsBuilder(type) || type.Name.EndsWith("Builder", StringComparison.Ordinal)))
                    {
                        continue;
                    }

                    names.Add(type.Name);
                    for (var t = type; t is not null && SymbolEqualityComparer.Default.Equals(t.ContainingAssembly, assembly); t = t.BaseType)
                    {
                        AddMemberNames(names, t);
                    }

                    foreach (var i in type.AllInterfaces)
                    {
                        if (SymbolEqualityComparer.Default.Equals(i.ContainingAssembly, assembly))
                        {
                            AddMemberNames(names, i);
                        }
                    }
                }
            }

            // Confluent.Kafka.Null, the key type of keyless messages and producers (Message<Null, T>): an identifier
            // C# code has for nothing else (the literal is `null`).
            names.Add("Null");

            // Names every type has, or that say nothing about Kafka on their own.
            foreach (var common in new[] { "ToString", "Equals", "GetHashCode", "GetType", "GetEnumerator", "Get", "Set", "Add", "Name", "Handle", "Dispose", "Value", "Key" })
            {
                names.Remove(common);
            }

            return new NameScan(names, configKeys: true);
        }

        private static void AddMemberNames(System.Collections.Generic.HashSet<string> names, INamedTypeSymbol type)
        {
            foreach (var member in type.GetMembers())
            {
                if (member.DeclaredAccessibility == Accessibility.Public && member.CanBeReferencedByName)
                {
                    names.Add(member.Name);
                }
            }
        }

        /// <summary>The referenced Confluent.Kafka assembly version (1.9.x, 2.x ...).</summary>
        public Version Version { get; }

        public INamedTypeSymbol Producer { get; }
        public INamedTypeSymbol? Consumer { get; }
        public INamedTypeSymbol? Message { get; }
        public INamedTypeSymbol? DeliveryReport { get; }
        public INamedTypeSymbol? Null { get; }
        public INamedTypeSymbol? AdminClient { get; }

        /// <summary>Confluent.Kafka.Config: the base of ClientConfig, ProducerConfig, ConsumerConfig, AdminClientConfig.</summary>
        public INamedTypeSymbol? Config { get; }
        public INamedTypeSymbol? ProducerConfig { get; }
        public INamedTypeSymbol? ConsumerConfig { get; }
        public INamedTypeSymbol? ProducerBuilder { get; }
        public INamedTypeSymbol? ConsumerBuilder { get; }
        public INamedTypeSymbol? AdminClientBuilder { get; }

        /// <summary>DependentProducerBuilder&lt;K, V&gt;: builds a producer on another client's handle (and queue).</summary>
        public INamedTypeSymbol? DependentProducerBuilder { get; }
        public INamedTypeSymbol? ConsumeException { get; }

        public static KafkaLibrary? TryCreate(Compilation compilation)
        {
            var producer = Symbols.GetTypeFromAssembly(compilation, "Confluent.Kafka", "Confluent.Kafka.IProducer`2");
            return producer is null ? null : new KafkaLibrary(compilation, producer);
        }

        /// <summary>Is the type IProducer&lt;,&gt; or a type that implements it?</summary>
        public bool IsProducer(ITypeSymbol? type) => _assembly.MayRelate(type) && Symbols.IsOrImplements(type, Producer);

        /// <summary>The IProducer&lt;K, V&gt; construction that <paramref name="type"/> is or implements, or null.</summary>
        public INamedTypeSymbol? AsProducer(ITypeSymbol? type)
        {
            if (type is INamedTypeSymbol named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, Producer))
            {
                return named;
            }

            foreach (var i in type?.AllInterfaces ?? ImmutableArray<INamedTypeSymbol>.Empty)
            {
                if (SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, Producer))
                {
                    return i;
                }
            }

            return null;
        }

        /// <summary>Is the type IConsumer&lt;,&gt; or a type that implements it?</summary>
        public bool IsConsumer(ITypeSymbol? type) => Consumer is not null && _assembly.MayRelate(type) && Symbols.IsOrImplements(type, Consumer);

        /// <summary>IAdminClient or an implementation of it.</summary>
        public bool IsAdminClient(ITypeSymbol? type) => AdminClient is not null && _assembly.MayRelate(type) && Symbols.IsOrImplements(type, AdminClient);

        /// <summary>A producer, consumer or admin client.</summary>
        public bool IsClient(ITypeSymbol? type) =>
            _assembly.MayRelate(type) && (IsProducer(type) || IsConsumer(type) || IsAdminClient(type));

        /// <summary>ProducerConfig, ConsumerConfig, ClientConfig, AdminClientConfig ... (anything deriving from Config).</summary>
        public bool IsConfig(ITypeSymbol? type) => _assembly.MayRelate(type) && Symbols.DerivesFrom(type, Config);

        /// <summary>ProducerBuilder, ConsumerBuilder or AdminClientBuilder (or a subclass).</summary>
        public bool IsBuilder(ITypeSymbol? type) =>
            _assembly.MayRelate(type) && (Symbols.DerivesFrom(type, ProducerBuilder) || Symbols.DerivesFrom(type, ConsumerBuilder) || Symbols.DerivesFrom(type, AdminClientBuilder));

        public bool IsProducerBuilder(ITypeSymbol? type) => _assembly.MayRelate(type) && Symbols.DerivesFrom(type, ProducerBuilder);

        public bool IsConsumerBuilder(ITypeSymbol? type) => _assembly.MayRelate(type) && Symbols.DerivesFrom(type, ConsumerBuilder);

        /// <summary><c>Build()</c> of a producer, consumer or admin client builder.</summary>
        public bool IsBuild(IMethodSymbol method) => method.Name == "Build" && IsBuilder(method.ContainingType);

        /// <summary>A DependentProducerBuilder (or a subclass).</summary>
        public bool IsDependentProducerBuilder(ITypeSymbol? type) => _assembly.MayRelate(type) && Symbols.DerivesFrom(type, DependentProducerBuilder);

        /// <summary>
        /// A producer call that belongs to the transactions API (<c>InitTransactions</c>, <c>BeginTransaction</c>,
        /// <c>CommitTransaction</c>, <c>AbortTransaction</c>, <c>SendOffsetsToTransaction</c>).
        /// </summary>
        public bool IsTransactionCall(IMethodSymbol method) =>
            method.Name is "InitTransactions" or "BeginTransaction" or "CommitTransaction" or "AbortTransaction" or "SendOffsetsToTransaction"
            && IsProducer(method.ContainingType);

        /// <summary>The names <see cref="IsProduce"/> accepts (for <see cref="InvocationActions"/>).</summary>
        public static readonly ImmutableArray<string> ProduceCalls = ImmutableArray.Create("Produce", "ProduceAsync");

        /// <summary>The consumer calls that mark a message done: <c>Commit</c> and <c>StoreOffset</c> (for <see cref="InvocationActions"/>).</summary>
        public static readonly ImmutableArray<string> OffsetCommitCalls = ImmutableArray.Create("Commit", "StoreOffset");

        /// <summary><c>Produce</c> or <c>ProduceAsync</c> of a producer.</summary>
        public bool IsProduce(IMethodSymbol method) =>
            method.Name is "Produce" or "ProduceAsync" && IsProducer(method.ContainingType);

        public bool IsProduceAsync(IMethodSymbol method) =>
            method.Name == "ProduceAsync" && IsProducer(method.ContainingType);

        /// <summary>
        /// The call hands a failed message on instead of dropping it: a produce (to a dead-letter or retry topic), a call
        /// whose name says so (<c>*DeadLetter*</c>, <c>*Dlq*</c>, <c>*Retry*</c>, <c>*Requeue*</c>, <c>*Park*</c>), or an
        /// application method that is given the consumed record (<c>ConsumeResult</c> or <c>Message</c>) itself.
        /// </summary>
        public bool ForwardsMessage(IInvocationOperation call)
        {
            var method = call.TargetMethod;
            if (IsProduce(method))
            {
                return true;
            }

            if (IsConsumer(method.ContainingType) || CodeContext.IsLogging(method))
            {
                return false;
            }

            foreach (var word in ForwardingWords)
            {
                if (method.Name.IndexOf(word, System.StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            foreach (var argument in call.Arguments)
            {
                if (argument.Value.SkipConversions().Type is INamedTypeSymbol { Name: "ConsumeResult" or "Message" } type
                    && Symbols.IsNamespace(type.ContainingNamespace, "Confluent.Kafka"))
                {
                    return true;
                }
            }

            return false;
        }

        private static readonly ImmutableArray<string> ForwardingWords = ImmutableArray.Create("DeadLetter", "Dlq", "Retry", "Requeue", "Park");

        /// <summary>
        /// A consumer call that starts or performs reading: <c>Consume</c>, <c>Subscribe</c>, <c>Assign</c>,
        /// <c>IncrementalAssign</c>.
        /// </summary>
        public bool IsConsumerRead(IMethodSymbol method) =>
            method.Name is "Consume" or "Subscribe" or "Assign" or "IncrementalAssign" && IsConsumer(method.ContainingType);
    }
}
