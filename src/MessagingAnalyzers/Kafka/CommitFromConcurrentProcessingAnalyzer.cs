using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Kafka
{
    /// <summary>
    /// MSG2018: Commit/StoreOffset inside work a consume loop starts concurrently: a lambda given to
    /// Task.Run, Task.Factory.StartNew, Parallel.For/ForEach(Async), ThreadPool.QueueUserWorkItem, or an async
    /// lambda of a Select whose tasks run together.
    /// </summary>
    public sealed class CommitFromConcurrentProcessingAnalyzer : MessagingAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG2018_CommitFromConcurrentProcessing);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Kafka;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var kafka = messaging.Kafka!;
            context.RegisterInvocationAction(
                KafkaLibrary.OffsetCommitCalls,
                operationContext =>
                {
                    var commit = (IInvocationOperation)operationContext.Operation;
                    if (commit.TargetMethod.Name is not ("Commit" or "StoreOffset") || !kafka.IsConsumer(commit.TargetMethod.ContainingType))
                    {
                        return;
                    }

                    var starter = ConcurrentStarter(commit);
                    var loop = starter?.GetEnclosingLoop();
                    if (starter is null || loop is null || !ConsumesIn(loop, kafka))
                    {
                        return;
                    }

                    operationContext.Report(Diagnostic.Create(
                        Descriptors.MSG2018_CommitFromConcurrentProcessing,
                        commit.Syntax.GetLocation(),
                        commit.DisplayReceiver() + "." + commit.TargetMethod.Name,
                        starter.TargetMethod.ContainingType.Name + "." + starter.TargetMethod.Name));
                });
        }

        /// <summary>The call that runs the lambda around <paramref name="commit"/> concurrently, or null.</summary>
        private static IInvocationOperation? ConcurrentStarter(IOperation commit)
        {
            for (var op = commit.Parent; op is not null; op = op.Parent)
            {
                if (op is not IAnonymousFunctionOperation lambda)
                {
                    continue;
                }

                if (lambda.GetInvocationTaking() is { } starter)
                {
                    var method = starter.TargetMethod;
                    var type = method.ContainingType.Name;
                    if ((type == "Task" && method.Name == "Run")
                        || (type == "TaskFactory" && method.Name == "StartNew")
                        || (type == "Parallel" && method.Name is "For" or "ForEach" or "ForEachAsync")
                        || (type == "ThreadPool" && method.Name is "QueueUserWorkItem" or "UnsafeQueueUserWorkItem")
                        || (method.Name == "Select" && lambda.Symbol.IsAsync))
                    {
                        return starter;
                    }
                }

                return null;
            }

            return null;
        }

        private static bool ConsumesIn(ILoopOperation loop, KafkaLibrary kafka)
        {
            foreach (var op in loop.AllDescendants())
            {
                if (op is IInvocationOperation { TargetMethod.Name: "Consume" } consume && kafka.IsConsumer(consume.TargetMethod.ContainingType))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
