using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Kafka
{
    /// <summary>
    /// MSG2007: a consume loop whose visible config leaves EnableAutoOffsetStore on (with auto commit) while the
    /// loop processes the message after Consume (calls or awaits that can fail): reported on the config
    /// creation. Also <c>Commit(result)</c> before the result is processed. Silent where MSG2008 applies (the
    /// loop calls StoreOffset), for EnableAutoCommit = false, and when the config is not visible.
    /// </summary>
    public sealed class OffsetStoredBeforeProcessingAnalyzer : MessagingAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG2007_OffsetStoredBeforeProcessing);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Kafka;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var kafka = messaging.Kafka!;
            KafkaTypeModel.Register(context, kafka, (model, end) => Analyze(model, end, kafka));
        }

        private static void Analyze(KafkaTypeModel model, TypeAnalysisContext context, KafkaLibrary kafka)
        {
            var reported = new HashSet<IOperation>();
            foreach (var consume in model.ClientCalls)
            {
                if (consume.TargetMethod.Name != "Consume" || !kafka.IsConsumer(consume.TargetMethod.ContainingType))
                {
                    continue;
                }

                var loop = consume.GetEnclosingLoop();
                if (loop is null)
                {
                    continue;
                }

                var result = consume.WalkUpConversions().GetAssignedLocal();
                ReportEarlyCommit(context, consume, loop, result, kafka);

                var config = model.ConfigOfClient(consume.Instance);
                if (config?.Creation is null
                    || config.Get(KafkaConfigKeys.EnableAutoOffsetStore) == "false"
                    || config.Get(KafkaConfigKeys.EnableAutoCommit) == "false"
                    || model.CallsOnSameClient(consume, "StoreOffset").GetEnumerator().MoveNext()
                    || IsAssignOnly(model, consume)
                    || !ProcessesAfter(consume, loop, kafka))
                {
                    continue;
                }

                if (reported.Add(config.Creation))
                {
                    context.Report(Diagnostic.Create(
                        Descriptors.MSG2007_OffsetStoredBeforeProcessing,
                        config.Creation.Syntax.GetLocation(),
                        additionalLocations: new[] { consume.Syntax.GetLocation() },
                        $"This config leaves EnableAutoOffsetStore on, so '{consume.DisplayReceiver()}.Consume' stores each offset before the loop processes the message"));
                }
            }
        }

        /// <summary>
        /// After Consume, the loop body calls or awaits something other than the consumer itself or a log (a loop that
        /// only prints what it reads, as the client's own examples do, has no processing that can fail).
        /// </summary>
        private static bool ProcessesAfter(IOperation consume, ILoopOperation loop, KafkaLibrary kafka)
        {
            foreach (var op in loop.Body.AllDescendants())
            {
                if (op.Syntax.SpanStart <= consume.Syntax.Span.End)
                {
                    continue;
                }

                if (op is IAwaitOperation
                    || (op is IInvocationOperation call && !kafka.IsConsumer(call.TargetMethod.ContainingType) && !CodeContext.IsLogging(call.TargetMethod)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The consumer assigns its partitions and never subscribes: it reads from offsets it chooses (a reload from the
        /// beginning, a replay), so the offsets it stores are never read back by a group.
        /// </summary>
        private static bool IsAssignOnly(KafkaTypeModel model, IInvocationOperation consume) =>
            (model.CallsOnSameClient(consume, "Assign").GetEnumerator().MoveNext() || model.CallsOnSameClient(consume, "IncrementalAssign").GetEnumerator().MoveNext())
            && !model.CallsOnSameClient(consume, "Subscribe").GetEnumerator().MoveNext();

        private static readonly NameScan CommitName = new(new[] { "Commit" });

        /// <summary><c>consumer.Commit(result)</c> followed, in the loop, by work on <c>result</c>.</summary>
        private static void ReportEarlyCommit(TypeAnalysisContext context, IInvocationOperation consume, ILoopOperation loop, ILocalSymbol? result, KafkaLibrary kafka)
        {
            // A commit must name Commit: a loop whose text does not is not walked.
            if (result is null || !CommitName.AnyIn(loop.Body.Syntax))
            {
                return;
            }

            foreach (var op in loop.Body.AllDescendants())
            {
                if (op is not IInvocationOperation { TargetMethod.Name: "Commit" } commit
                    || !kafka.IsConsumer(commit.TargetMethod.ContainingType)
                    || commit.Syntax.SpanStart < consume.Syntax.SpanStart
                    || LeavesTheIterationAfter(commit))
                {
                    continue;
                }

                foreach (var later in loop.Body.AllDescendants())
                {
                    if (later is IInvocationOperation work
                        && work.Syntax.SpanStart > commit.Syntax.Span.End
                        && !kafka.IsConsumer(work.TargetMethod.ContainingType)
                        && !CodeContext.IsLogging(work.TargetMethod)
                        && !IsWithinLogging(work)
                        && UsesLocal(work, result)
                        && !InCatchOfTryAround(work, commit))
                    {
                        context.Report(Diagnostic.Create(
                            Descriptors.MSG2007_OffsetStoredBeforeProcessing,
                            commit.Syntax.GetLocation(),
                            $"'{commit.DisplayReceiver()}.Commit' commits '{result.Name}' before it is processed"));
                        return;
                    }
                }
            }
        }

        /// <summary>
        /// The commit's block leaves the iteration after it (<c>continue</c>, <c>break</c>, <c>return</c>, <c>throw</c>): the
        /// commit skips a message that will not be processed (one that did not deserialize, say), it does not come first.
        /// </summary>
        private static bool LeavesTheIterationAfter(IOperation commit)
        {
            IOperation statement = commit;
            while (statement.Parent is not null and not IBlockOperation)
            {
                statement = statement.Parent;
            }

            if (statement.Parent is not IBlockOperation block)
            {
                return false;
            }

            var after = false;
            foreach (var sibling in block.Operations)
            {
                if (sibling == statement)
                {
                    after = true;
                }
                else if (after && sibling is IBranchOperation { BranchKind: BranchKind.Continue or BranchKind.Break } or IReturnOperation or IThrowOperation
                    or IExpressionStatementOperation { Operation: IThrowOperation })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The call is an argument of a log call (<c>Log(Describe(result))</c>): it only reads the result to print it.</summary>
        private static bool IsWithinLogging(IOperation work)
        {
            for (var parent = work.Parent; parent is not null and not IBlockOperation; parent = parent.Parent)
            {
                if (parent is IInvocationOperation outer && CodeContext.IsLogging(outer.TargetMethod))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <paramref name="work"/> is in a catch clause of a try statement whose body holds <paramref name="commit"/>: it
        /// runs only when the try failed, not after the commit (a dead-letter produce in a catch-all, for example).
        /// </summary>
        private static bool InCatchOfTryAround(IOperation work, IOperation commit)
        {
            for (var parent = work.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is ICatchClauseOperation { Parent: ITryOperation tryOperation } && tryOperation.Body.Syntax.Span.Contains(commit.Syntax.Span))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool UsesLocal(IOperation operation, ILocalSymbol local)
        {
            foreach (var op in operation.AllDescendantsAndSelf())
            {
                if (op is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
