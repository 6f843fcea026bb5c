using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers
{
    /// <summary>
    /// What one type does with Kafka, collected over all its members: the configs it creates and what they
    /// set (object initializers, later assignments, <c>Set(...)</c>, dictionaries), the builders, which
    /// field or local each client and config was assigned from, and the calls on clients. Rules ask it
    /// "what does the config of this builder/consumer set?" and stay silent where the answer is not
    /// visible in the type.
    /// </summary>
    internal sealed class KafkaTypeModel
    {
        private const int MaxDepth = 6;

        private readonly KafkaLibrary _kafka;
        private readonly INamedTypeSymbol _type;
        private readonly Compilation _compilation;
        private readonly ImmutableArray<IObjectCreationOperation> _dictionaryCreations;
        private readonly Dictionary<ISymbol, List<IOperation>>? _assignedValues;
        private readonly Dictionary<ISymbol, List<ConfigSetting>>? _settingsBySymbol;
        private readonly HashSet<ISymbol>? _boundSymbols;

        private KafkaTypeModel(
            KafkaLibrary kafka,
            Dictionary<ISymbol, List<IOperation>>? assignedValues,
            Dictionary<ISymbol, List<ConfigSetting>>? settingsBySymbol,
            ImmutableArray<IObjectCreationOperation> configCreations,
            ImmutableArray<IObjectCreationOperation> builderCreations,
            ImmutableArray<IInvocationOperation> clientCalls,
            ImmutableArray<IOperation> disposals,
            INamedTypeSymbol type,
            Compilation compilation,
            ImmutableArray<IObjectCreationOperation> dictionaryCreations,
            ImmutableArray<IObjectCreationOperation> messageCreations,
            HashSet<ISymbol>? boundSymbols)
        {
            _boundSymbols = boundSymbols;
            _dictionaryCreations = dictionaryCreations;
            MessageCreations = messageCreations;
            _type = type;
            _compilation = compilation;
            _kafka = kafka;
            _assignedValues = assignedValues;
            _settingsBySymbol = settingsBySymbol;
            ConfigCreations = configCreations;
            BuilderCreations = builderCreations;
            ClientCalls = clientCalls;
            Disposals = disposals;
        }

        /// <summary>
        /// Where clients are disposed: <c>using var client = ...;</c> (the declarator), <c>using (var client = ...)</c>
        /// (the declarator), and <c>client.Dispose()</c> calls.
        /// </summary>
        public ImmutableArray<IOperation> Disposals { get; }

        /// <summary>The client symbol a disposal disposes (the declared local, or the receiver of Dispose).</summary>
        public static ISymbol? DisposedSymbol(IOperation disposal) => disposal switch
        {
            IVariableDeclaratorOperation declarator => declarator.Symbol,
            IInvocationOperation invocation => ReferencedSymbol(invocation.Instance),
            _ => null,
        };

        /// <summary><c>new ProducerConfig { ... }</c>, <c>new ConsumerConfig(...)</c>, ... in the type.</summary>
        public ImmutableArray<IObjectCreationOperation> ConfigCreations { get; }

        /// <summary><c>new ProducerBuilder&lt;K, V&gt;(config)</c>, <c>new ConsumerBuilder...</c>, <c>new AdminClientBuilder(...)</c>.</summary>
        public ImmutableArray<IObjectCreationOperation> BuilderCreations { get; }

        /// <summary><c>new Message&lt;K, V&gt; { ... }</c> in the type.</summary>
        public ImmutableArray<IObjectCreationOperation> MessageCreations { get; }

        /// <summary>Calls on producers, consumers and admin clients (and builders' <c>Build()</c>), in the type.</summary>
        public ImmutableArray<IInvocationOperation> ClientCalls { get; }

        /// <summary>
        /// Registers <paramref name="onType"/> to run once per named type, with the type's model, when the file that
        /// declares it has been compiled (<see cref="TypeAnalysis"/>), so that the members' operation trees the model
        /// reads have already been built by the compiler.
        /// </summary>
        public static void Register(CompilationStartAnalysisContext context, KafkaLibrary kafka, System.Action<KafkaTypeModel, TypeAnalysisContext> onType) =>
            TypeAnalysis.Register(context, c => onType(For(c.Symbol, c.Compilation, kafka), c));

        private static readonly PerTypeCache<KafkaTypeModel> Cache = new();

        /// <summary>The model of <paramref name="type"/>, built once per compilation from the operations of its members.</summary>
        public static KafkaTypeModel For(INamedTypeSymbol type, Compilation compilation, KafkaLibrary kafka) =>
            Cache.GetOrAdd(compilation, type, kafka, static (t, c, k) => Build(t, c, k));

        private static KafkaTypeModel Build(INamedTypeSymbol type, Compilation compilation, KafkaLibrary kafka)
        {
            var collector = new Collector(kafka, type, compilation);
            if (!MayUseClients(type, kafka))
            {
                return collector.Build();
            }

            // Members are walked only when their text could matter: it names the Kafka API, a librdkafka key, a
            // field or property of the type that holds a client, config, builder or string dictionary, or disposes.
            var extraNames = TrackedMemberNames(type, kafka);
            // An initializer or accessor is judged with its whole declaration, so that the declared type counts
            // (`IProducer<K, V> _producer = Create();`).
            foreach (var root in TypeMembers.RootOperations(
                type,
                compilation,
                member => kafka.MayUseClients(member.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax>() ?? member, extraNames)))
            {
                Visit(root, collector);
            }

            return collector.Build();
        }

        /// <summary>Names of the type's fields and properties that hold what the model tracks, and of disposal.</summary>
        private static ImmutableArray<string> TrackedMemberNames(INamedTypeSymbol type, KafkaLibrary kafka)
        {
            var names = DisposalNames;
            foreach (var member in type.GetMembers())
            {
                if (member is IFieldSymbol or IPropertySymbol && Symbols.TypeOf(member) is { } memberType
                    && (kafka.IsConfig(memberType) || kafka.IsClient(memberType) || kafka.IsBuilder(memberType) || IsStringDictionary(memberType)))
                {
                    names = names.Add(member.Name);
                }
            }

            return names;
        }

        private static readonly ImmutableArray<string> DisposalNames = ImmutableArray.Create("Dispose", "DisposeAsync", "using");

        /// <summary>True when a declaration of the type could involve a Kafka client (else its model is empty, and it is not walked).</summary>
        private static bool MayUseClients(INamedTypeSymbol type, KafkaLibrary kafka)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (kafka.MayUseClients(reference.GetSyntax()))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A recursive walk over <c>ChildOperations</c> (no iterator or stack allocations per node).</summary>
        private static void Visit(IOperation operation, Collector collector)
        {
            if (operation.Kind is OperationKind.ObjectCreation or OperationKind.SimpleAssignment or OperationKind.Invocation
                or OperationKind.VariableDeclarator or OperationKind.FieldInitializer or OperationKind.PropertyInitializer)
            {
                collector.Add(operation);
            }

            foreach (var child in operation.ChildOperations)
            {
                Visit(child, collector);
            }
        }

        /// <summary>The symbol an expression reads: a local, parameter, field or property; else null.</summary>
        public static ISymbol? ReferencedSymbol(IOperation? operation) => operation?.SkipConversions() switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation { Arguments.Length: 0 } property => property.Property,
            IConditionalAccessInstanceOperation conditional => ReferencedSymbol(ConditionalAccessOf(conditional)?.Operation),
            _ => null,
        };

        /// <summary>The <c>x?.M()</c> whose receiver <paramref name="instance"/> stands for (<c>x</c> is its Operation).</summary>
        public static IConditionalAccessOperation? ConditionalAccessOf(IConditionalAccessInstanceOperation instance)
        {
            IOperation child = instance;
            for (var parent = instance.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                if (parent is IConditionalAccessOperation access && access.WhenNotNull == child)
                {
                    return access;
                }
            }

            return null;
        }

        /// <summary>
        /// Every setting made in the type: in config initializers, in the initializers of string dictionaries
        /// (string keys such as <c>"sasl.password"</c>), by assignment, Set or Add.
        /// </summary>
        public ImmutableArray<ConfigSetting> AllSettings()
        {
            // Several rules ask for every type (credentials, certificates, durability, delivery reports ...): the
            // settings are read once per model. Rules may ask from different threads; computing twice is harmless.
            if (_allSettings.IsDefault)
            {
                // Most types create no config or dictionary and assign no setting: no iterator, no array.
                var settings = ConfigCreations.IsEmpty && _dictionaryCreations.IsEmpty && _settingsBySymbol is null
                    ? ImmutableArray<ConfigSetting>.Empty
                    : ImmutableArray.CreateRange(ReadAllSettings());
                ImmutableInterlocked.InterlockedInitialize(ref _allSettings, settings);
            }

            return _allSettings;
        }

        private ImmutableArray<ConfigSetting> _allSettings;

        private IEnumerable<ConfigSetting> ReadAllSettings()
        {
            foreach (var creation in ConfigCreations)
            {
                foreach (var setting in InitializerSettings(creation))
                {
                    yield return setting;
                }
            }

            foreach (var creation in _dictionaryCreations)
            {
                foreach (var setting in InitializerSettings(creation))
                {
                    yield return setting;
                }
            }

            foreach (var settings in _settingsBySymbol?.Values ?? Enumerable.Empty<List<ConfigSetting>>())
            {
                foreach (var setting in settings)
                {
                    yield return setting;
                }
            }
        }

        /// <summary>True when the type calls a client method of that name (<c>ProduceAsync</c>, <c>Flush</c>, ...).</summary>
        public bool Calls(string methodName)
        {
            foreach (var call in ClientCalls)
            {
                if (call.TargetMethod.Name == methodName)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when any config in the type sets <paramref name="key"/> to <paramref name="value"/>.</summary>
        public bool AnyConfigSets(string key, string value)
        {
            foreach (var setting in AllSettings())
            {
                if (setting.Key == key && setting.Value == value)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// What the config expression visibly sets (its creation, base config and later assignments), or
        /// null when where it comes from is not visible in the type (a parameter, an injected options object).
        /// </summary>
        public ConfigView? ResolveConfig(IOperation? configExpression) => ResolveConfig(configExpression, 0);

        /// <summary>
        /// What a config creation visibly sets: its initializer and base config, plus what is set later on
        /// the field or local it is assigned to.
        /// </summary>
        public ConfigView ResolveCreation(IObjectCreationOperation creation)
        {
            foreach (var entry in _assignedValues ?? Enumerable.Empty<KeyValuePair<ISymbol, List<IOperation>>>())
            {
                foreach (var value in entry.Value)
                {
                    if (value.SkipConversions() == creation)
                    {
                        return Merge(ResolveConfig(creation, 0)!, entry.Key);
                    }
                }
            }

            return ResolveConfig(creation, 0)!;
        }

        /// <summary>The config of a builder creation (its first argument), or null when not visible.</summary>
        public ConfigView? ConfigOfBuilder(IObjectCreationOperation builder) =>
            builder.Arguments.Length > 0 ? ResolveConfig(builder.Arguments[0].Value) : null;

        /// <summary>
        /// The builder creation a client expression comes from: <c>new ConsumerBuilder&lt;K, V&gt;(config).Build()</c>
        /// directly, or through the field/local it was assigned to; null when not visible.
        /// </summary>
        public IObjectCreationOperation? BuilderOf(IOperation? client) => BuilderOf(client, 0);

        /// <summary>What the config of a consumer (or producer) expression visibly sets, or null when not visible.</summary>
        public ConfigView? ConfigOfClient(IOperation? client) =>
            BuilderOf(client) is { } builder ? ConfigOfBuilder(builder) : null;

        /// <summary>Calls on the same client symbol (field, local, parameter) as <paramref name="call"/>, named <paramref name="name"/>.</summary>
        public IEnumerable<IInvocationOperation> CallsOnSameClient(IInvocationOperation call, string name)
        {
            var client = ReferencedSymbol(call.Instance);
            if (client is null)
            {
                yield break;
            }

            foreach (var other in ClientCalls)
            {
                if (other.TargetMethod.Name == name && SymbolEqualityComparer.Default.Equals(ReferencedSymbol(other.Instance), client))
                {
                    yield return other;
                }
            }
        }

        /// <summary>
        /// The loop that makes <paramref name="operation"/> run repeatedly: its enclosing loop, or a loop in the
        /// type around a call of the method that contains it (one level: <c>while (...) Handle(consumer);</c>).
        /// </summary>
        public ILoopOperation? LoopAround(IOperation operation, ISymbol containingMethod) => TypeCalls.LoopAround(operation, containingMethod, _type, _compilation);

        /// <summary>
        /// The producer runs transactions: the config it is built from sets <c>TransactionalId</c> (to anything
        /// but a constant null or empty string), or the type calls a transactions method on it
        /// (<c>InitTransactions</c>, <c>BeginTransaction</c>, <c>CommitTransaction</c> ...). A dependent producer is
        /// transactional when the producer whose handle it shares is. Its messages are flushed by
        /// <c>CommitTransaction</c>, and their delivery is decided by the commit.
        /// </summary>
        public bool IsTransactional(ISymbol producer)
        {
            if (IsTransactionalItself(producer))
            {
                return true;
            }

            var owner = QueueOwner(producer);
            return owner is not null && !SymbolEqualityComparer.Default.Equals(owner, producer) && IsTransactionalItself(owner);
        }

        private bool IsTransactionalItself(ISymbol producer)
        {
            foreach (var call in ClientCalls)
            {
                if (_kafka.IsTransactionCall(call.TargetMethod) && SymbolEqualityComparer.Default.Equals(ReferencedSymbol(call.Instance), producer))
                {
                    return true;
                }
            }

            foreach (var value in AssignedValues(producer))
            {
                if (BuilderOf(value) is { } builder && ConfigOfBuilder(builder) is { } config
                    && config.TryGet(KafkaConfigKeys.TransactionalId, out var setting)
                    && !(setting.ValueOperation.ConstantValue.HasValue && setting.ValueOperation.ConstantValue.Value is null or ""))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The client whose handle (and so whose queue) a producer shares: for a producer built by
        /// <c>new DependentProducerBuilder&lt;K, V&gt;(owner.Handle).Build()</c> (directly or through the field or local it
        /// was assigned to), the symbol of <c>owner</c>; null for any other producer or when the owner is not visible.
        /// </summary>
        public ISymbol? QueueOwner(ISymbol producer)
        {
            foreach (var value in AssignedValues(producer))
            {
                var current = value.SkipConversions();
                for (var depth = 0; depth <= MaxDepth && current is IInvocationOperation { Instance: { } instance }; depth++)
                {
                    current = instance.SkipConversions();
                }

                if (current is IObjectCreationOperation { Arguments.Length: > 0 } creation && _kafka.IsDependentProducerBuilder(creation.Type)
                    && creation.Arguments[0].Value.SkipConversions() is IPropertyReferenceOperation { Property.Name: "Handle", Instance: { } handleOwner }
                    && ReferencedSymbol(handleOwner) is { } owner)
                {
                    return owner;
                }
            }

            return null;
        }

        /// <summary>The values assigned to a field, property or local anywhere in the type.</summary>
        public IReadOnlyList<IOperation> AssignedValues(ISymbol symbol) =>
            _assignedValues is not null && _assignedValues.TryGetValue(symbol, out var values) ? values : (IReadOnlyList<IOperation>)System.Array.Empty<IOperation>();

        private IObjectCreationOperation? BuilderOf(IOperation? client, int depth)
        {
            if (client is null || depth > MaxDepth)
            {
                return null;
            }

            var value = client.SkipConversions();
            switch (value)
            {
                case IObjectCreationOperation creation when _kafka.IsBuilder(creation.Type):
                    return creation;
                case IInvocationOperation invocation when invocation.Instance is not null && _kafka.IsBuilder(invocation.Instance.Type):
                    // new ConsumerBuilder<K, V>(config).SetErrorHandler(...).Build()
                    return BuilderOf(invocation.Instance, depth + 1);
            }

            var symbol = ReferencedSymbol(value);
            if (symbol is null)
            {
                return null;
            }

            foreach (var assigned in AssignedValues(symbol))
            {
                var builder = BuilderOf(assigned, depth + 1);
                if (builder is not null)
                {
                    return builder;
                }
            }

            return null;
        }

        private ConfigView? ResolveConfig(IOperation? expression, int depth)
        {
            if (expression is null || depth > MaxDepth)
            {
                return null;
            }

            var value = expression.SkipConversions();
            if (value is IObjectCreationOperation creation)
            {
                var settings = new Dictionary<string, ConfigSetting>(System.StringComparer.Ordinal);
                var open = false;
                if (creation.Arguments.Length > 0)
                {
                    // A copy of another config or of a dictionary: what the source carries may not all be visible here
                    // (a dictionary filled from configuration, a config bound or injected).
                    var baseConfig = ResolveConfig(creation.Arguments[0].Value, depth + 1);
                    open = baseConfig is null || baseConfig.IsOpen || !_kafka.IsConfig(creation.Arguments[0].Value.SkipConversions().Type);
                    if (baseConfig is not null)
                    {
                        foreach (var setting in baseConfig.Settings)
                        {
                            settings[setting.Key] = setting;
                        }
                    }
                }

                foreach (var setting in InitializerSettings(creation))
                {
                    settings[setting.Key] = setting;
                }

                // A dictionary or key/value list with an entry whose key is not a constant (or an element that is not a
                // visible pair) may carry any key: what it sets is not fully known.
                open |= !_kafka.IsConfig(creation.Type) && HasUnreadableElement(creation);
                return new ConfigView(creation, settings, open);
            }

            var symbol = ReferencedSymbol(value);
            if (symbol is null)
            {
                return null;
            }

            ConfigView? origin = null;
            foreach (var assigned in AssignedValues(symbol))
            {
                origin = ResolveConfig(assigned, depth + 1);
                if (origin is not null)
                {
                    break;
                }
            }

            return origin is null ? null : Merge(origin, symbol);
        }

        /// <summary>The settings of <paramref name="origin"/> overridden by those made later on <paramref name="symbol"/>.</summary>
        private ConfigView Merge(ConfigView origin, ISymbol symbol)
        {
            var merged = new Dictionary<string, ConfigSetting>(System.StringComparer.Ordinal);
            foreach (var setting in origin.Settings)
            {
                merged[setting.Key] = setting;
            }

            if (_settingsBySymbol is not null && _settingsBySymbol.TryGetValue(symbol, out var later))
            {
                foreach (var setting in later)
                {
                    merged[setting.Key] = setting;
                }
            }

            return new ConfigView(origin.Creation, merged, origin.IsOpen || (_boundSymbols is not null && _boundSymbols.Contains(symbol)));
        }

        /// <summary>The settings of an object or collection initializer of a config or dictionary creation.</summary>
        public IEnumerable<ConfigSetting> InitializerSettings(IObjectCreationOperation creation)
        {
            if (creation.Initializer is null)
            {
                yield break;
            }

            foreach (var initializer in creation.Initializer.Initializers)
            {
                var setting = ToSetting(initializer, _kafka);
                if (setting is not null)
                {
                    yield return setting;
                }
            }
        }

        /// <summary>An element of the initializer of a dictionary or key/value list that is not read as a setting.</summary>
        private bool HasUnreadableElement(IObjectCreationOperation creation)
        {
            if (creation.Initializer is null)
            {
                return false;
            }

            foreach (var initializer in creation.Initializer.Initializers)
            {
                if (ToSetting(initializer, _kafka) is null)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A setting from <c>Prop = v</c>, <c>["key"] = v</c>, <c>{ "key", v }</c>, <c>Set("key", v)</c>,
        /// <c>Add("key", v)</c>, or a key/value pair added to a list (<c>Add(new KeyValuePair&lt;string, string&gt;("key", v))</c>,
        /// <c>{ new("key", v) }</c>, <c>KeyValuePair.Create("key", v)</c>); null for anything else.
        /// </summary>
        private static ConfigSetting? ToSetting(IOperation operation, KafkaLibrary kafka)
        {
            switch (operation)
            {
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: 0 } property } assignment
                    when kafka.IsConfig(property.Property.ContainingType):
                    var key = KafkaConfigKeys.FromProperty(property.Property.Name);
                    return new ConfigSetting(key, KafkaConfigKeys.NormalizeValue(key, assignment.Value), assignment, assignment.Value);

                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: 1 } indexer } assignment
                    when indexer.Arguments[0].Value.ConstantValue.Value is string indexKey:
                    var normalized = KafkaConfigKeys.Normalize(indexKey);
                    return new ConfigSetting(normalized, KafkaConfigKeys.NormalizeValue(normalized, assignment.Value), assignment, assignment.Value);

                case IInvocationOperation { TargetMethod.Name: "Set" or "SetObject" or "Add" or "TryAdd", Arguments.Length: 2 } call
                    when call.Arguments[0].Value.ConstantValue.Value is string callKey:
                    var canonical = KafkaConfigKeys.Normalize(callKey);
                    return new ConfigSetting(canonical, KafkaConfigKeys.NormalizeValue(canonical, call.Arguments[1].Value), call, call.Arguments[1].Value);

                case IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } call
                    when KeyValuePairParts(call.Arguments[0].Value) is var (pairKey, pairValue)
                        && pairKey.ConstantValue.Value is string listKey:
                    var fromPair = KafkaConfigKeys.Normalize(listKey);
                    return new ConfigSetting(fromPair, KafkaConfigKeys.NormalizeValue(fromPair, pairValue), call, pairValue);

                default:
                    return null;
            }
        }

        /// <summary>
        /// The key and value of <c>new KeyValuePair&lt;K, V&gt;(key, value)</c> (also target-typed <c>new(key, value)</c>) or
        /// <c>KeyValuePair.Create(key, value)</c>; null for anything else.
        /// </summary>
        private static (IOperation Key, IOperation Value)? KeyValuePairParts(IOperation value)
        {
            switch (value.SkipConversions())
            {
                case IObjectCreationOperation { Type: INamedTypeSymbol { Name: "KeyValuePair", Arity: 2 } pairType, Arguments.Length: 2 } creation
                    when Symbols.IsNamespace(pairType.ContainingNamespace, "System.Collections.Generic"):
                    return (creation.Arguments[0].Value.SkipConversions(), creation.Arguments[1].Value);
                case IInvocationOperation { TargetMethod: { Name: "Create", ContainingType: { Name: "KeyValuePair" } factory }, Arguments.Length: 2 } create
                    when Symbols.IsNamespace(factory.ContainingNamespace, "System.Collections.Generic"):
                    return (create.Arguments[0].Value.SkipConversions(), create.Arguments[1].Value);
                default:
                    return null;
            }
        }

        /// <summary>
        /// A string-to-string map a config can be built from: <c>Dictionary&lt;string, string&gt;</c>,
        /// <c>IDictionary&lt;string, string&gt;</c>, <c>IEnumerable&lt;KeyValuePair&lt;string, string&gt;&gt;</c>, <c>List&lt;KeyValuePair&lt;...&gt;&gt;</c>.
        /// </summary>
        private static bool IsStringDictionary(ITypeSymbol? type)
        {
            if (type is not INamedTypeSymbol named)
            {
                return false;
            }

            if (named.TypeArguments.Length == 2)
            {
                return named.TypeArguments[0].SpecialType == SpecialType.System_String
                    && named.TypeArguments[1].SpecialType == SpecialType.System_String;
            }

            return named.TypeArguments.Length == 1 && named.TypeArguments[0].Name == "KeyValuePair" && IsStringDictionary(named.TypeArguments[0]);
        }

        /// <summary>Gathers the operations of one type (single-threaded: one build per type).</summary>
        private sealed class Collector
        {
            private readonly KafkaLibrary _kafka;
            // Allocated on first use: most types add nothing to most of them.
            private Dictionary<ISymbol, List<IOperation>>? _assignedValues;
            private Dictionary<ISymbol, List<ConfigSetting>>? _settingsBySymbol;
            private ImmutableArray<IObjectCreationOperation>.Builder? _configCreations;
            private ImmutableArray<IObjectCreationOperation>.Builder? _builderCreations;
            private ImmutableArray<IInvocationOperation>.Builder? _clientCalls;
            private ImmutableArray<IOperation>.Builder? _disposals;
            private ImmutableArray<IObjectCreationOperation>.Builder? _dictionaryCreations;
            private ImmutableArray<IObjectCreationOperation>.Builder? _messageCreations;
            private HashSet<ISymbol>? _boundSymbols;
            private readonly INamedTypeSymbol _type;
            private readonly Compilation _compilation;

            public Collector(KafkaLibrary kafka, INamedTypeSymbol type, Compilation compilation)
            {
                _kafka = kafka;
                _type = type;
                _compilation = compilation;
            }

            public void Add(IOperation operation)
            {
                switch (operation)
                {
                    case IObjectCreationOperation creation:
                        if (_kafka.IsConfig(creation.Type))
                        {
                            (_configCreations ??= ImmutableArray.CreateBuilder<IObjectCreationOperation>()).Add(creation);
                        }
                        else if (_kafka.IsBuilder(creation.Type))
                        {
                            (_builderCreations ??= ImmutableArray.CreateBuilder<IObjectCreationOperation>()).Add(creation);
                        }
                        else if (IsStringDictionary(creation.Type) && creation.Initializer is not null)
                        {
                            (_dictionaryCreations ??= ImmutableArray.CreateBuilder<IObjectCreationOperation>()).Add(creation);
                        }
                        else if (creation.Type is INamedTypeSymbol { Arity: 2 } named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, _kafka.Message))
                        {
                            (_messageCreations ??= ImmutableArray.CreateBuilder<IObjectCreationOperation>()).Add(creation);
                        }

                        break;

                    case IVariableDeclaratorOperation declarator when declarator.GetVariableInitializer() is { } initializer && IsTracked(declarator.Symbol.Type):
                        AddValue(declarator.Symbol, initializer.Value);
                        if (_kafka.IsClient(declarator.Symbol.Type) && declarator.IsDeclaredByUsing())
                        {
                            (_disposals ??= ImmutableArray.CreateBuilder<IOperation>()).Add(declarator);
                        }

                        break;

                    case IFieldInitializerOperation fieldInitializer:
                        foreach (var field in fieldInitializer.InitializedFields)
                        {
                            if (IsTracked(field.Type))
                            {
                                AddValue(field, fieldInitializer.Value);
                            }
                        }

                        break;

                    case IPropertyInitializerOperation propertyInitializer:
                        foreach (var property in propertyInitializer.InitializedProperties)
                        {
                            if (IsTracked(property.Type))
                            {
                                AddValue(property, propertyInitializer.Value);
                            }
                        }

                        break;

                    case ISimpleAssignmentOperation assignment:
                        AddAssignment(assignment);
                        break;

                    case IInvocationOperation invocation:
                        AddInvocation(invocation);
                        break;
                }
            }

            public KafkaTypeModel Build()
            {
                return new KafkaTypeModel(_kafka, _assignedValues, _settingsBySymbol, ToImmutable(_configCreations), ToImmutable(_builderCreations), ToImmutable(_clientCalls), ToImmutable(_disposals), _type, _compilation, ToImmutable(_dictionaryCreations), ToImmutable(_messageCreations), _boundSymbols);
            }

            private static ImmutableArray<T> ToImmutable<T>(ImmutableArray<T>.Builder? builder) =>
                builder is null ? ImmutableArray<T>.Empty : builder.Count == builder.Capacity ? builder.MoveToImmutable() : builder.ToImmutable();

            private void AddAssignment(ISimpleAssignmentOperation assignment)
            {
                // Settings inside an object initializer belong to the creation: read from there.
                var target = assignment.Target;
                if (target is IPropertyReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } })
                {
                    return;
                }

                if (target is IPropertyReferenceOperation { Instance: { } instance } && (_kafka.IsConfig(instance.Type) || IsStringDictionary(instance.Type)))
                {
                    var setting = ToSetting(assignment, _kafka);
                    var owner = ReferencedSymbol(instance);
                    if (setting is not null && owner is not null)
                    {
                        AddSetting(owner, setting);
                    }
                    else if (setting is null && owner is not null)
                    {
                        // `settings[key] = value` with a key known only at run time: it may set anything.
                        MarkOpen(owner);
                    }

                    return;
                }

                var symbol = ReferencedSymbol(target);
                if (symbol is not null && IsTracked(target.Type))
                {
                    AddValue(symbol, assignment.Value);
                }
            }

            private void AddInvocation(IInvocationOperation invocation)
            {
                var method = invocation.TargetMethod;
                var instance = invocation.Instance;
                AddBoundConfigs(invocation);

                if (instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver })
                {
                    return;
                }

                if (method.Name is "Set" or "SetObject" or "Add" or "TryAdd" or "AddRange" or "Insert" or "InsertRange"
                    && instance is not null
                    && (_kafka.IsConfig(instance.Type) || IsStringDictionary(instance.Type)))
                {
                    var setting = ToSetting(invocation, _kafka);
                    var owner = ReferencedSymbol(instance);
                    if (setting is not null && owner is not null)
                    {
                        AddSetting(owner, setting);
                    }
                    else if (setting is null && owner is not null)
                    {
                        // A key known only at run time, a pair built elsewhere, or a range of entries: it may set anything.
                        MarkOpen(owner);
                    }

                    return;
                }

                if (_kafka.IsClient(method.ContainingType) || _kafka.IsBuild(method))
                {
                    (_clientCalls ??= ImmutableArray.CreateBuilder<IInvocationOperation>()).Add(invocation);
                }
                else if (method.Name is "Dispose" or "DisposeAsync" && _kafka.IsClient(instance?.Type))
                {
                    (_disposals ??= ImmutableArray.CreateBuilder<IOperation>()).Add(invocation);
                }
            }


            /// <summary>
            /// A config or string dictionary given to a method other than the client's own: <c>configuration.Bind(config)</c>,
            /// <c>section.Bind(config)</c>, <c>ApplyDefaults(config)</c>. That method may set anything on it.
            /// </summary>
            private void AddBoundConfigs(IInvocationOperation invocation)
            {
                if (invocation.Arguments.Length == 0 || _kafka.IsClient(invocation.TargetMethod.ContainingType) || _kafka.IsBuilder(invocation.TargetMethod.ContainingType))
                {
                    return;
                }

                foreach (var argument in invocation.Arguments)
                {
                    var value = argument.Value.SkipConversions();
                    if ((_kafka.IsConfig(value.Type) || IsStringDictionary(value.Type)) && ReferencedSymbol(value) is { } symbol)
                    {
                        MarkOpen(symbol);
                    }
                }
            }

            /// <summary>The config or dictionary held by <paramref name="symbol"/> may receive settings that are not visible.</summary>
            private void MarkOpen(ISymbol symbol) =>
                (_boundSymbols ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default)).Add(symbol);

            private bool IsTracked(ITypeSymbol? type) =>
                _kafka.IsConfig(type) || _kafka.IsClient(type) || _kafka.IsBuilder(type) || IsStringDictionary(type);

            private void AddValue(ISymbol symbol, IOperation value)
            {
                _assignedValues ??= new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);
                if (!_assignedValues.TryGetValue(symbol, out var list))
                {
                    _assignedValues[symbol] = list = new List<IOperation>();
                }

                list.Add(value);
            }

            private void AddSetting(ISymbol symbol, ConfigSetting setting)
            {
                _settingsBySymbol ??= new Dictionary<ISymbol, List<ConfigSetting>>(SymbolEqualityComparer.Default);
                if (!_settingsBySymbol.TryGetValue(symbol, out var list))
                {
                    _settingsBySymbol[symbol] = list = new List<ConfigSetting>();
                }

                list.Add(setting);
            }
        }
    }
}
