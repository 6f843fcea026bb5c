using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Kafka
{
    /// <summary>
    /// MSG2002: <c>await producer.ProduceAsync(...)</c> inside a loop body: one broker round trip per message.
    /// Silent when the loop waits for a person (Console.ReadLine/ReadKey), when a config of the type sets
    /// <c>MaxInFlight = 1</c> (per-message ordering on purpose), when the loop commits or stores consumer
    /// offsets after the produce (the await is the delivery guarantee before the commit), and when the loop is left
    /// right after the produce (a retry loop: it runs again only when the produce failed), and when the loop
    /// throttles on purpose (<c>Task.Delay</c> or <c>Thread.Sleep</c> in its body, outside a catch).
    /// </summary>
    public sealed class ProduceAsyncAwaitedInLoopAnalyzer : MessagingAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG2002_ProduceAsyncAwaitedInLoop);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Kafka;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var kafka = messaging.Kafka!;
            KafkaTypeModel.Register(context, kafka, (model, end) => Analyze(model, end, kafka));
        }

        private static void Analyze(KafkaTypeModel model, TypeAnalysisContext context, KafkaLibrary kafka)
        {
            if (model.AnyConfigSets(KafkaConfigKeys.MaxInFlight, "1"))
            {
                return;
            }

            // One finding per loop (one problem), at its first awaited produce: the fix rewrites every produce of the loop.
            HashSet<ILoopOperation>? reported = null;
            foreach (var call in model.ClientCalls)
            {
                if (!kafka.IsProduceAsync(call.TargetMethod))
                {
                    continue;
                }

                var awaited = AwaitOf(call);
                var loop = awaited?.GetEnclosingLoop();
                if (loop is null || WaitsForAPerson(loop) || Throttles(loop) || CommitsAfter(loop, awaited!, kafka) || LeavesLoopAfter(awaited!, loop)
                    || ConsumesIn(loop, kafka) || !(reported ??= new HashSet<ILoopOperation>()).Add(loop))
                {
                    continue;
                }

                context.Report(Diagnostic.Create(
                    Descriptors.MSG2002_ProduceAsyncAwaitedInLoop,
                    call.Syntax.GetLocation(),
                    NoFix(awaited!, loop),
                    call.DisplayReceiver() + ".ProduceAsync"));
            }
        }

        /// <summary>The <c>await</c> of the call (through <c>ConfigureAwait</c>), or null.</summary>
        /// <summary>
        /// Present, with the reason, when collecting the tasks is not mechanical: the loop reads the delivery result
        /// (each iteration needs its own), or a try statement in the loop handles the produce's failure.
        /// </summary>
        internal const string NoFixProperty = "NoFix";

        private static ImmutableDictionary<string, string?>? NoFix(IAwaitOperation awaited, ILoopOperation loop)
        {
            if (awaited.WalkUpConversions().Parent is not IExpressionStatementOperation)
            {
                return ImmutableDictionary<string, string?>.Empty.Add(NoFixProperty, "the loop reads each delivery result");
            }

            for (var op = awaited.Parent; op is not null && op != loop; op = op.Parent)
            {
                if (op is ITryOperation)
                {
                    return ImmutableDictionary<string, string?>.Empty.Add(NoFixProperty, "a try statement in the loop handles each produce's failure");
                }
            }

            return null;
        }

        internal static IAwaitOperation? AwaitOf(IInvocationOperation call)
        {
            var outer = call.WalkUpConversions();
            if (outer.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure && configure.Instance == outer)
            {
                outer = configure.WalkUpConversions();
            }

            return outer.Parent as IAwaitOperation;
        }

        /// <summary>
        /// The loop also consumes: each produce answers (or probes for) what the turn read, so the pace is the consumer's,
        /// not one round trip per message of a batch the producer could send at once.
        /// </summary>
        private static bool ConsumesIn(ILoopOperation loop, KafkaLibrary kafka)
        {
            foreach (var op in loop.Body.DescendantsInSameFunction())
            {
                if (op is IInvocationOperation { TargetMethod.Name: "Consume" } consume && kafka.IsConsumer(consume.TargetMethod.ContainingType))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool WaitsForAPerson(ILoopOperation loop)
        {
            foreach (var op in loop.DescendantsInSameFunction())
            {
                if (op is IInvocationOperation { TargetMethod: { Name: "ReadLine" or "ReadKey" or "ReadLineAsync" or "Read", ContainingType.Name: "Console" or "TextReader" } })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The loop body waits on purpose between messages: <c>Task.Delay</c> or <c>Thread.Sleep</c> (also every N
        /// messages), outside a catch clause (a delay in a catch is a retry back-off, not a pace).
        /// </summary>
        private static bool Throttles(ILoopOperation loop)
        {
            foreach (var op in loop.Body.DescendantsInSameFunction())
            {
                if (op is IInvocationOperation { TargetMethod: { Name: "Delay" or "Sleep", ContainingType: { Name: "Task" or "Thread" } type } } pause
                    && Symbols.IsNamespace(type.ContainingNamespace, type.Name == "Task" ? "System.Threading.Tasks" : "System.Threading")
                    && !InCatch(pause, loop))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool InCatch(IOperation operation, ILoopOperation loop)
        {
            for (var current = operation.Parent; current is not null && current != loop; current = current.Parent)
            {
                if (current is ICatchClauseOperation)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The statement right after the one that awaits the produce returns, or breaks out of the loop: the loop runs
        /// again only when the produce failed (a retry loop), so there is one message, not one round trip per message.
        /// </summary>
        private static bool LeavesLoopAfter(IOperation awaited, ILoopOperation loop)
        {
            var statement = awaited;
            while (statement.Parent is { } parent && parent is not IBlockOperation)
            {
                if (parent == loop)
                {
                    return false;
                }

                statement = parent;
            }

            if (statement.Parent is not IBlockOperation block)
            {
                return false;
            }

            var next = false;
            foreach (var operation in block.Operations)
            {
                if (next)
                {
                    return operation is IReturnOperation { Kind: OperationKind.Return }
                        || (operation is IBranchOperation { BranchKind: BranchKind.Break } branch && SymbolEqualityComparer.Default.Equals(branch.Target, loop.ExitLabel));
                }

                next = operation == statement;
            }

            return false;
        }

        private static bool CommitsAfter(ILoopOperation loop, IOperation awaited, KafkaLibrary kafka)
        {
            foreach (var op in loop.DescendantsInSameFunction())
            {
                if (op is IInvocationOperation { TargetMethod.Name: "Commit" or "StoreOffset" or "SendOffsetsToTransaction" or "CommitTransaction" } commit
                    && (kafka.IsConsumer(commit.TargetMethod.ContainingType) || kafka.IsProducer(commit.TargetMethod.ContainingType))
                    && commit.Syntax.SpanStart > awaited.Syntax.SpanStart)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
