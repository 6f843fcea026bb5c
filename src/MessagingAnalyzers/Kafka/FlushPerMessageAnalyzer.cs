using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Kafka
{
    /// <summary>
    /// MSG2003: <c>Flush</c> inside a loop that produces, or right after the single produce of a method that runs
    /// per message. Silent for a Flush after a loop, a Flush under a condition inside the loop (every N
    /// messages), shutdown and dispose paths, entry points, and a Flush before the producer is disposed.
    /// </summary>
    public sealed class FlushPerMessageAnalyzer : MessagingAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG2003_FlushPerMessage);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Kafka;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var kafka = messaging.Kafka!;
            context.RegisterInvocationAction(
                ImmutableArray.Create("Flush"),
                operationContext =>
                {
                    var flush = (IInvocationOperation)operationContext.Operation;
                    if (flush.TargetMethod.Name != "Flush" || !kafka.IsProducer(flush.TargetMethod.ContainingType))
                    {
                        return;
                    }

                    var owner = operationContext.ContainingSymbol;
                    var where = Where(flush, owner, kafka, messaging);
                    if (where is not null)
                    {
                        operationContext.Report(Diagnostic.Create(
                            Descriptors.MSG2003_FlushPerMessage, flush.Syntax.GetLocation(), flush.DisplayReceiver() + ".Flush", where));
                    }
                });
        }

        private static string? Where(IInvocationOperation flush, ISymbol owner, KafkaLibrary kafka, MessagingContext messaging)
        {
            var loop = flush.GetEnclosingLoop();
            if (loop is not null)
            {
                if (IsConditionalWithin(flush, loop))
                {
                    return null;
                }

                // A produce in an inner loop of its own makes the Flush once per batch (produce the batch, then
                // flush it), not once per message.
                foreach (var op in loop.DescendantsInSameFunction())
                {
                    if (op is IInvocationOperation produce && kafka.IsProduce(produce.TargetMethod) && produce.GetEnclosingLoop() == loop)
                    {
                        return "inside the loop that produces, once per message";
                    }
                }

                return null;
            }

            if (CodeContext.IsEntryPoint(owner) || IsShutdownPath(owner))
            {
                return null;
            }

            var root = flush.GetFunctionRoot();
            var produces = 0;
            foreach (var op in root.DescendantsInSameFunction())
            {
                switch (op)
                {
                    case IInvocationOperation produce when kafka.IsProduce(produce.TargetMethod):
                        if (produce.GetEnclosingLoop() is not null || produce.Syntax.SpanStart > flush.Syntax.SpanStart)
                        {
                            return null;
                        }

                        produces++;
                        break;
                    case IInvocationOperation { TargetMethod.Name: "Dispose" } dispose when kafka.IsProducer(dispose.Instance?.Type):
                        return null;
                    case IUsingDeclarationOperation:
                    case IUsingOperation:
                        return null;
                }
            }

            return produces == 1 ? "after every message in '" + owner.Name + "'" : null;
        }

        /// <summary>An <c>if</c> (or other condition) between the Flush and its loop: flushing every N messages.</summary>
        private static bool IsConditionalWithin(IOperation flush, ILoopOperation loop)
        {
            for (var op = flush.Parent; op is not null && op != loop; op = op.Parent)
            {
                if (op is IConditionalOperation)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsShutdownPath(ISymbol owner) =>
            owner.Name is "Dispose" or "DisposeAsync" or "Finalize"
            || owner.Name.StartsWith("Stop", System.StringComparison.Ordinal)
            || owner.Name.StartsWith("Shutdown", System.StringComparison.Ordinal)
            || owner.Name.StartsWith("Close", System.StringComparison.Ordinal)
            || owner.Name.StartsWith("OnStop", System.StringComparison.Ordinal);
    }
}
