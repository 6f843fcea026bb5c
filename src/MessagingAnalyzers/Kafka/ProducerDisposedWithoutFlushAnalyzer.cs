using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Kafka
{
    /// <summary>
    /// MSG2005: a producer disposed (<c>using</c>, <c>Dispose()</c>) after <c>Produce</c> or an un-awaited
    /// <c>ProduceAsync</c>, with no <c>Flush</c>: the queued messages are dropped. For a local producer the
    /// Flush must follow the produce in the same function; for a field, a Flush anywhere in the type
    /// (StopAsync, a shutdown method) counts. Silent for a transactional producer (CommitTransaction flushes it);
    /// a dependent producer (<c>DependentProducerBuilder</c>) shares its owner's queue, so flushing the owner counts;
    /// an awaited <c>ProduceAsync(...).ContinueWith(...)</c> is delivered, and a ProduceAsync task returned to the caller is the
    /// caller's to await.
    /// </summary>
    public sealed class ProducerDisposedWithoutFlushAnalyzer : MessagingAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG2005_ProducerDisposedWithoutFlush);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Kafka;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var kafka = messaging.Kafka!;
            KafkaTypeModel.Register(context, kafka, (model, end) => Analyze(model, end, kafka, messaging.Framework));
        }

        private static void Analyze(KafkaTypeModel model, TypeAnalysisContext context, KafkaLibrary kafka, FrameworkSymbols framework)
        {
            foreach (var disposal in model.Disposals)
            {
                var producer = KafkaTypeModel.DisposedSymbol(disposal);
                if (producer is null || !kafka.IsProducer(Symbols.TypeOf(producer)) || model.IsTransactional(producer))
                {
                    continue;
                }

                var isLocal = producer is ILocalSymbol;
                var scope = disposal.GetFunctionRoot();
                IInvocationOperation? firstQueued = null;
                foreach (var call in model.ClientCalls)
                {
                    if (IsOn(call, producer) && (!isLocal || call.GetFunctionRoot() == scope) && IsQueued(call, kafka, framework)
                        && (firstQueued is null || call.Syntax.SpanStart < firstQueued.Syntax.SpanStart))
                    {
                        firstQueued = call;
                    }
                }

                if (firstQueued is null || IsFlushed(model, producer, isLocal, firstQueued, disposal)
                    || (model.QueueOwner(producer) is { } owner && IsFlushed(model, owner, owner is ILocalSymbol, firstQueued, disposal)))
                {
                    continue;
                }

                var location = disposal.Syntax is VariableDeclaratorSyntax declarator
                    ? declarator.Identifier.GetLocation()
                    : disposal.Syntax.GetLocation();
                context.Report(Diagnostic.Create(
                    Descriptors.MSG2005_ProducerDisposedWithoutFlush,
                    location,
                    producer.Name,
                    firstQueued.DisplayReceiver() + "." + firstQueued.TargetMethod.Name));
            }
        }

        private static bool IsFlushed(KafkaTypeModel model, ISymbol producer, bool isLocal, IInvocationOperation firstQueued, IOperation disposal)
        {
            foreach (var call in model.ClientCalls)
            {
                if (call.TargetMethod.Name != "Flush" || !IsOn(call, producer))
                {
                    continue;
                }

                if (!isLocal)
                {
                    return true;
                }

                var afterProduce = call.Syntax.SpanStart > firstQueued.Syntax.SpanStart;
                var beforeDispose = disposal is not IInvocationOperation || call.Syntax.SpanStart < disposal.Syntax.SpanStart;
                if (afterProduce && beforeDispose)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsOn(IInvocationOperation call, ISymbol producer) =>
            SymbolEqualityComparer.Default.Equals(KafkaTypeModel.ReferencedSymbol(call.Instance), producer);

        /// <summary>
        /// Produce, or a ProduceAsync whose task is neither awaited nor kept and awaited later, nor waited for
        /// synchronously (<c>.Result</c>, <c>.Wait()</c>, <c>.GetAwaiter().GetResult()</c>: MSG2001's business, and delivered).
        /// </summary>
        private static bool IsQueued(IInvocationOperation call, KafkaLibrary kafka, FrameworkSymbols framework)
        {
            if (call.TargetMethod.Name == "Produce")
            {
                return kafka.IsProduce(call.TargetMethod);
            }

            if (!kafka.IsProduceAsync(call.TargetMethod))
            {
                return false;
            }

            // ProduceAsync(...).ContinueWith(...): the continuation's task stands for the delivery.
            IInvocationOperation task = call;
            if (call.WalkUpConversions() is var produced && produced.Parent is IInvocationOperation { TargetMethod.Name: "ContinueWith" } continuation
                && continuation.Instance == produced)
            {
                task = continuation;
            }

            if (ProduceAsyncAwaitedInLoopAnalyzer.AwaitOf(task) is not null || TaskBlocking.Find(task, framework) is not null)
            {
                return false;
            }

            var outer = task.WalkUpConversions();
            if (outer.Parent is IReturnOperation)
            {
                // Handed back to the caller (Task Send(...) => _producer.ProduceAsync(...)): the caller awaits it, as far
                // as this type can tell.
                return false;
            }

            var kept = outer.GetAssignedLocal()
                ?? (outer.Parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Add", Instance: ILocalReferenceOperation list } } ? list.Local : null);
            if (kept is null)
            {
                return true;
            }

            foreach (var op in call.GetFunctionRoot().DescendantsInSameFunction())
            {
                if (op is IAwaitOperation awaited)
                {
                    foreach (var inner in awaited.Operation.AllDescendantsAndSelf())
                    {
                        if (inner is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, kept))
                        {
                            return false;
                        }
                    }
                }
            }

            return true;
        }
    }
}
