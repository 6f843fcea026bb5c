using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Kafka
{
    /// <summary>
    /// MSG2006: a consumer that subscribed (or consumed without being assigned) is disposed (using, Dispose, <c>?.Dispose()</c>)
    /// with no Close(): for a local, Close in the same function; for a field, Close anywhere in the type. Also a Close that
    /// only the normal exit of a consume loop reaches, while its <c>Consume(token)</c> throws OperationCanceledException on
    /// cancellation (no finally, no catch of the cancellation). Assign-only consumers have no group to leave.
    /// </summary>
    public sealed class ConsumerDisposedWithoutCloseAnalyzer : MessagingAnalyzer
    {
        internal const string KindProperty = "Kind";
        internal const string SkippedOnCancellation = "SkippedOnCancellation";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG2006_ConsumerDisposedWithoutClose);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Kafka;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var kafka = messaging.Kafka!;
            KafkaTypeModel.Register(context, kafka, (model, end) =>
                {
                    foreach (var disposal in model.Disposals)
                    {
                        var consumer = KafkaTypeModel.DisposedSymbol(disposal);
                        if (consumer is null || !kafka.IsConsumer(Symbols.TypeOf(consumer)))
                        {
                            continue;
                        }

                        var scope = consumer is ILocalSymbol ? disposal.GetFunctionRoot() : null;
                        bool subscribed = false, assigned = false, consumed = false, closed = false, closedOnEveryExit = false;
                        foreach (var call in model.ClientCalls)
                        {
                            if (!SymbolEqualityComparer.Default.Equals(KafkaTypeModel.ReferencedSymbol(call.Instance), consumer)
                                || (scope is not null && call.GetFunctionRoot() != scope && !call.IsWithin(scope)))
                            {
                                continue;
                            }

                            switch (call.TargetMethod.Name)
                            {
                                case "Subscribe":
                                    subscribed = true;
                                    break;
                                case "Assign" or "IncrementalAssign":
                                    assigned = true;
                                    break;
                                case "Consume":
                                    consumed = true;
                                    break;
                                case "Close":
                                    closed = true;
                                    closedOnEveryExit |= !SkippedByCancellation(call, consumer, model);
                                    break;
                            }
                        }

                        // An Assign-only consumer has no group to leave.
                        var inGroup = subscribed || (consumed && !assigned);
                        if (!inGroup || closedOnEveryExit)
                        {
                            continue;
                        }

                        var location = disposal.Syntax is VariableDeclaratorSyntax declarator ? declarator.Identifier.GetLocation() : DisposalSyntax(disposal).GetLocation();
                        end.Report(Diagnostic.Create(
                            Descriptors.MSG2006_ConsumerDisposedWithoutClose,
                            location,
                            properties: closed ? ImmutableDictionary<string, string?>.Empty.Add(KindProperty, SkippedOnCancellation) : ImmutableDictionary<string, string?>.Empty,
                            consumer.Name,
                            closed
                                ? "is disposed without Close() when it is cancelled: Close() runs only when its consume loop ends normally, and Consume(token) throws OperationCanceledException on cancellation"
                                : "is disposed without Close()"));
                    }
                });
        }

        /// <summary>The whole <c>consumer?.Dispose()</c> for a conditional disposal, else the disposal's own syntax.</summary>
        private static SyntaxNode DisposalSyntax(IOperation disposal) =>
            disposal is IInvocationOperation { Instance: IConditionalAccessInstanceOperation instance } && KafkaTypeModel.ConditionalAccessOf(instance) is { } access
                ? access.Syntax
                : disposal.Syntax;

        /// <summary>
        /// The Close is skipped when the consumer is cancelled: a <c>Consume(token)</c> of the same consumer in a loop before
        /// it, in the same function, throws OperationCanceledException past it (no catch of the cancellation between them,
        /// and the Close is not in a finally of a try around the Consume).
        /// </summary>
        private static bool SkippedByCancellation(IInvocationOperation close, ISymbol consumer, KafkaTypeModel model)
        {
            var root = close.GetFunctionRoot();
            foreach (var consume in model.ClientCalls)
            {
                if (consume.TargetMethod.Name == "Consume"
                    && consume.Syntax.SpanStart < close.Syntax.SpanStart
                    && consume.GetEnclosingLoop() is not null
                    && consume.GetFunctionRoot() == root
                    && TakesACancellationToken(consume)
                    && SymbolEqualityComparer.Default.Equals(KafkaTypeModel.ReferencedSymbol(consume.Instance), consumer)
                    && CancellationEscapesPast(consume, close))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool TakesACancellationToken(IInvocationOperation consume)
        {
            foreach (var argument in consume.Arguments)
            {
                var value = argument.Value.SkipConversions();
                if (value.Type is { Name: "CancellationToken" } && argument.ArgumentKind == ArgumentKind.Explicit
                    && value is not IDefaultValueOperation and not IPropertyReferenceOperation { Property.Name: "None" })
                {
                    return true;
                }
            }

            return false;
        }

        private static bool CancellationEscapesPast(IOperation consume, IOperation close)
        {
            IOperation child = consume;
            for (var parent = consume.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                if (parent is ITryOperation @try && @try.Body == child)
                {
                    if (@try.Finally is not null && close.IsWithin(@try.Finally))
                    {
                        return false;
                    }

                    foreach (var clause in @try.Catches)
                    {
                        if (clause.ExceptionType.Name is "OperationCanceledException" or "Exception" or "SystemException" or "Object")
                        {
                            return false;
                        }
                    }
                }

                if (close.IsWithin(parent))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
