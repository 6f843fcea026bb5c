using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Kafka
{
    /// <summary>
    /// MSG2017: Commit/StoreOffset in a finally block, or in a catch block that does not dead-letter (produce)
    /// the message. Silent for <c>catch (OperationCanceledException)</c> (shutdown) and catches that produce first.
    /// </summary>
    public sealed class CommitAfterFailureAnalyzer : MessagingAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG2017_CommitAfterFailure);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Kafka;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var kafka = messaging.Kafka!;
            context.RegisterInvocationAction(
                KafkaLibrary.OffsetCommitCalls,
                operationContext =>
                {
                    var call = (IInvocationOperation)operationContext.Operation;
                    if (call.TargetMethod.Name is not ("Commit" or "StoreOffset") || !kafka.IsConsumer(call.TargetMethod.ContainingType))
                    {
                        return;
                    }

                    var where = Where(call, kafka);
                    if (where is not null)
                    {
                        operationContext.Report(Diagnostic.Create(
                            Descriptors.MSG2017_CommitAfterFailure, call.Syntax.GetLocation(), call.DisplayReceiver() + "." + call.TargetMethod.Name, where));
                    }
                });
        }

        private static string? Where(IInvocationOperation call, KafkaLibrary kafka)
        {
            IOperation child = call;
            for (var parent = call.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        return null;
                    case ITryOperation @try when @try.Finally == child:
                        return "in a finally block";
                    case ICatchClauseOperation @catch:
                        if (@catch.ExceptionType.Name is "OperationCanceledException" or "TaskCanceledException" || DeadLetters(@catch, kafka))
                        {
                            return null;
                        }

                        return "in a catch block that does not dead-letter the message";
                }
            }

            return null;
        }

        /// <summary>The catch hands the failed message on (dead-letter or retry topic, directly or through a helper).</summary>
        private static bool DeadLetters(ICatchClauseOperation @catch, KafkaLibrary kafka)
        {
            foreach (var op in @catch.Handler.AllDescendants())
            {
                if (op is IInvocationOperation invocation && kafka.ForwardsMessage(invocation))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
