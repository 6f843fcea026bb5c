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

            // The type's Kafka model has its message and builder creations, in source order (the model walks every
            // member whose text names Null, so no keyless creation is missed).
            KafkaTypeModel.Register(context, kafka, (model, end) => Report(end, model, kafka));
        }

        private static void Report(TypeAnalysisContext context, KafkaTypeModel model, KafkaLibrary kafka)
        {
            if (model.MessageCreations.IsEmpty)
            {
                return;
            }

            IObjectCreationOperation? builder = null;
            foreach (var creation in model.BuilderCreations)
            {
                if (kafka.IsProducerBuilder(creation.Type) && HasNullKey(creation, kafka))
                {
                    builder = creation;
                    break;
                }
            }

            foreach (var creation in model.MessageCreations)
            {
                if (!HasNullKey(creation, kafka))
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
                context.Report(Diagnostic.Create(
                    Descriptors.MSG2012_NullKeyLosesOrdering,
                    target.Syntax.GetLocation(),
                    target.Type!.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                    entity.IsAnonymousType ? "messages of an anonymous type" : "'" + entity.Name + "' messages",
                    id!.Name));
                if (builder is not null)
                {
                    return;
                }
            }
        }

        private static bool HasNullKey(IObjectCreationOperation creation, KafkaLibrary kafka) =>
            creation.Type is INamedTypeSymbol { TypeArguments.Length: 2 } type && SymbolEqualityComparer.Default.Equals(type.TypeArguments[0], kafka.Null);

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

        /// <summary>
        /// An entity id: <c>&lt;Entity&gt;Id</c> (<c>OrderId</c>), or <c>Id</c> on a type that is the entity (<c>Order.Id</c>).
        /// Ids of the message itself are not: <c>MessageId</c>, <c>EventId</c>, <c>CorrelationId</c>, <c>TraceId</c> ...,
        /// and <c>Id</c> declared on (or inherited by) an envelope type: <c>*Message</c>, <c>*Event</c>, <c>*Envelope</c>,
        /// <c>*Command</c>, <c>*Notification</c> ... (<c>IntegrationEvent.Id</c> is the event's own id).
        /// </summary>
        private static IPropertySymbol? EntityId(ITypeSymbol type)
        {
            var envelope = IsEnvelope(type.Name);
            for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
            {
                envelope |= IsEnvelope(t.Name);
                foreach (var member in t.GetMembers())
                {
                    if (member is not IPropertySymbol { DeclaredAccessibility: Accessibility.Public, IsStatic: false } property
                        || !property.Name.EndsWith("Id", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    if (property.Name.Length == 2)
                    {
                        if (!envelope)
                        {
                            return property;
                        }
                    }
                    else if (char.IsLower(property.Name[property.Name.Length - 3]) && !IsOwnIdOfMessage(property.Name))
                    {
                        return property;
                    }
                }
            }

            return null;
        }

        /// <summary>Words that name a message (or its tracing) rather than an entity.</summary>
        private static readonly ImmutableArray<string> MessageWords = ImmutableArray.Create(
            "Message", "Event", "Envelope", "Command", "Notification", "Request", "Response", "Reply",
            "Correlation", "Causation", "Trace", "Span", "Activity", "Conversation", "Tenant", "Idempotency", "Dedup",
            "Delivery", "Outbox", "Inbox");

        /// <summary><c>MessageId</c>, <c>OriginalMessageId</c>, <c>CorrelationId</c>, <c>TraceId</c> ...: the id of the message, not of an entity.</summary>
        private static bool IsOwnIdOfMessage(string propertyName)
        {
            var prefixLength = propertyName.Length - 2;
            foreach (var word in MessageWords)
            {
                if (prefixLength >= word.Length
                    && string.CompareOrdinal(propertyName, prefixLength - word.Length, word, 0, word.Length) == 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A type named as a message envelope: <c>OrderMessage</c>, <c>KafkaEnvelope</c>, <c>IntegrationEvent</c>, <c>MessageBase</c>.</summary>
        private static bool IsEnvelope(string typeName)
        {
            var name = typeName.EndsWith("Base", StringComparison.Ordinal) ? typeName.Substring(0, typeName.Length - 4) : typeName;
            foreach (var word in EnvelopeWords)
            {
                if (name.EndsWith(word, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        private static readonly ImmutableArray<string> EnvelopeWords = ImmutableArray.Create("Message", "Event", "Envelope", "Command", "Notification", "Request", "Response", "Reply");
    }
}
