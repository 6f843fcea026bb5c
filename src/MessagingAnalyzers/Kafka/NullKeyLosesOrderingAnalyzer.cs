using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Kafka
{
    /// <summary>
    /// MSG2012: <c>Message&lt;Null, T&gt;</c> whose value (or the object serialized into it) has an entity id
    /// (<c>Id</c>, <c>OrderId</c>, ...). Reported once on the <c>ProducerBuilder&lt;Null, ...&gt;</c> of the type when
    /// it is visible, otherwise on each message creation. Keyless telemetry without ids is not reported.
    /// </summary>
    public sealed class NullKeyLosesOrderingAnalyzer : MessagingAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG2012_NullKeyLosesOrdering);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Kafka;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var kafka = messaging.Kafka!;
            if (kafka.Null is null || kafka.Message is null)
            {
                return;
            }

            context.RegisterSymbolStartAction(
                start =>
                {
                    // Allocated on the first keyless creation: most types have none.
                    ImmutableArray<IObjectCreationOperation>.Builder? messages = null;
                    var gate = new object();
                    start.RegisterOperationAction(
                        c =>
                        {
                            var creation = (IObjectCreationOperation)c.Operation;
                            if (creation.Type is INamedTypeSymbol { TypeArguments.Length: 2 } type
                                && SymbolEqualityComparer.Default.Equals(type.TypeArguments[0], kafka.Null)
                                && (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, kafka.Message) || kafka.IsProducerBuilder(type)))
                            {
                                lock (gate) (messages ??= ImmutableArray.CreateBuilder<IObjectCreationOperation>()).Add(creation);
                            }
                        },
                        OperationKind.ObjectCreation);
                    start.RegisterSymbolEndAction(end =>
                    {
                        if (messages is not null)
                        {
                            Report(end, messages.ToImmutable(), kafka);
                        }
                    });
                },
                SymbolKind.NamedType);
        }

        private static void Report(SymbolAnalysisContext context, ImmutableArray<IObjectCreationOperation> creations, KafkaLibrary kafka)
        {
            IObjectCreationOperation? builder = null;
            foreach (var creation in creations)
            {
                if (kafka.IsProducerBuilder(creation.Type))
                {
                    builder ??= creation;
                }
            }

            foreach (var creation in creations)
            {
                if (!SymbolEqualityComparer.Default.Equals(creation.Type?.OriginalDefinition, kafka.Message))
                {
                    continue;
                }

                IPropertySymbol? id = null;
                var entity = EntityOf(creation, ref id);
                if (entity is null)
                {
                    continue;
                }

                var target = builder ?? creation;
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.MSG2012_NullKeyLosesOrdering,
                    target.Syntax.GetLocation(),
                    target.Type!.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                    entity.Name,
                    id!.Name));
                if (builder is not null)
                {
                    return;
                }
            }
        }

        private static ITypeSymbol? EntityOf(IObjectCreationOperation message, ref IPropertySymbol? id)
        {
            var valueType = ((INamedTypeSymbol)message.Type!).TypeArguments[1];
            IPropertySymbol? found = null;
            if (Payloads.IsUserType(valueType) && (found = EntityId(valueType)) is not null)
            {
                id = found;
                return valueType;
            }

            if (message.Initializer is null)
            {
                return null;
            }

            foreach (var member in message.Initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Value" } } assignment)
                {
                    var entity = Payloads.FindSerializedType(assignment.Value, t => EntityId(t) is not null);
                    if (entity is not null)
                    {
                        id = EntityId(entity);
                        return entity;
                    }
                }
            }

            return null;
        }

        /// <summary><c>Id</c> or <c>&lt;Name&gt;Id</c>, other than ids of the message itself (EventId, CorrelationId, ...).</summary>
        private static IPropertySymbol? EntityId(ITypeSymbol type)
        {
            for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
            {
                foreach (var member in t.GetMembers())
                {
                    if (member is IPropertySymbol { DeclaredAccessibility: Accessibility.Public, IsStatic: false } property
                        && property.Name.EndsWith("Id", StringComparison.Ordinal)
                        && property.Name is not ("EventId" or "MessageId" or "CorrelationId" or "CausationId" or "TraceId" or "SpanId" or "RequestId" or "TenantId")
                        && (property.Name == "Id" || char.IsLower(property.Name[property.Name.Length - 3])))
                    {
                        return property;
                    }
                }
            }

            return null;
        }
    }
}
