using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Kafka
{
    /// <summary>
    /// MSG2011: a Consume in a long-lived consume loop (endless, bound to a cancellation token or a stop flag, or in a
    /// hosted service; in the function, or in a method the loop calls) with no catch of ConsumeException (or a base
    /// type) inside the loop: one poison message ends the loop. Any catch inside the loop is handling (log-and-skip,
    /// a <c>when</c> filter, fail fast by breaking or rethrowing); so is a catch around the loop that visibly aborts
    /// (rethrows, closes, stops the application), and a caller that catches and calls again from a loop. Bounded
    /// reads are not consume loops that must live: per-request reads, loops bound by a count or offset, endless loops
    /// that exit on the consumed result (replay of a fixed range, drain to the end). A keep-alive poll while the
    /// consumer is paused (paused before the loop, or a condition on a paused state) delivers no message: not a consume loop.
    /// </summary>
    public sealed class ConsumeErrorsUnhandledAnalyzer : MessagingAnalyzer
    {
        internal const string ProblemProperty = "Problem";
        internal const string Unhandled = "Unhandled";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG2011_ConsumeErrorsUnhandled);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Kafka;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var kafka = messaging.Kafka!;
            var code = messaging.Code;
            KafkaTypeModel.Register(context, kafka, (model, end) =>
                {
                    foreach (var consume in model.ClientCalls)
                    {
                        if (consume.TargetMethod.Name != "Consume" || !kafka.IsConsumer(consume.TargetMethod.ContainingType))
                        {
                            continue;
                        }

                        var type = (INamedTypeSymbol)end.Symbol;
                        var method = consume.GetFunctionRoot() is IMethodBodyOperation or IBlockOperation ? OwningMethod(consume, type) : null;
                        var loop = model.LoopAround(consume, method ?? end.Symbol);
                        if (loop is null)
                        {
                            continue;
                        }

                        // Any catch inside the loop handles the error: it skips the message and goes on, or fails fast on purpose.
                        if (CatchesBetween(consume, loop, method).Count > 0)
                        {
                            continue;
                        }

                        // A heartbeat poll while the partitions are paused delivers no message: no poison message can end it.
                        if (PollsWhilePaused(consume, loop, type, end.Compilation, kafka))
                        {
                            continue;
                        }

                        var outermost = OutermostLoop(loop);
                        var life = LongLivedLoop(outermost, type, code);
                        if (life is null || code.IsInRequestHandler(outermost, OwningMethod(outermost, type) ?? method))
                        {
                            continue;
                        }

                        var outerCatches = new List<ICatchClauseOperation>();
                        AddCatches(outermost, null, outerCatches);
                        if (outerCatches.Exists(Aborts) || CallerRestartsIt(outermost, end.Compilation))
                        {
                            continue;
                        }

                        end.Report(Diagnostic.Create(
                            Descriptors.MSG2011_ConsumeErrorsUnhandled,
                            consume.Syntax.GetLocation(),
                            properties: ImmutableDictionary<string, string?>.Empty.Add(ProblemProperty, Unhandled),
                            consume.DisplayReceiver() + ".Consume",
                            outerCatches.Count == 0 ? "has no catch of ConsumeException" : "is caught only outside its loop",
                            life));
                    }
                });
        }

        /// <summary>
        /// Why the loop is meant to live long (for the message), or null for a bounded read: an endless loop, a loop bound
        /// to a cancellation token or a stop flag, or a loop of a hosted service; not a loop bounded by a count or an offset
        /// (<c>i &lt; n</c>), a <c>foreach</c>, or an endless loop that exits on what it consumed.
        /// </summary>
        private static string? LongLivedLoop(ILoopOperation loop, INamedTypeSymbol type, CodeContext code)
        {
            var condition = loop switch
            {
                IWhileLoopOperation w => w.Condition,
                IForLoopOperation f => f.Condition,
                _ => null,
            };
            if (loop is IForEachLoopOperation)
            {
                return null;
            }

            if (condition is null || condition.ConstantValue is { HasValue: true, Value: true })
            {
                return ExitsOnConsumedData(loop) ? null : "an endless loop";
            }

            var token = false;
            foreach (var op in condition.AllDescendantsAndSelf())
            {
                switch (op)
                {
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual }:
                        return null;
                    case IPropertyReferenceOperation { Property.Name: "IsCancellationRequested" }:
                        token = true;
                        break;
                }
            }

            if (token)
            {
                return "a loop that runs until it is cancelled";
            }

            var flag = condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not ? not.Operand : condition;
            if (flag.SkipConversions() is IFieldReferenceOperation or IPropertyReferenceOperation { Arguments.Length: 0 } && flag.Type?.SpecialType == SpecialType.System_Boolean)
            {
                var name = ((IMemberReferenceOperation)flag.SkipConversions()).Member.Name;
                return "a loop that runs until '" + name + "' changes";
            }

            return code.IsHostedService(type) && loop is IWhileLoopOperation ? "a loop of hosted service '" + type.Name + "'" : null;
        }

        /// <summary>
        /// A heartbeat poll loop: it runs while the consumer's partitions are paused and calls Consume only to keep the
        /// group session alive; a paused consumer delivers no message, so no poison message can end it (the real consume
        /// loop is elsewhere). Either the loop's condition checks a paused state (not negated: <c>while (_paused)</c>,
        /// <c>while (state == State.Paused)</c>), or the consumer is paused before the loop and not resumed inside it:
        /// the last Pause/Resume on it before the loop, in the method, is a Pause, or else every call of that method in
        /// the type comes after a Pause (the method that pauses starts the heartbeat).
        /// </summary>
        private static bool PollsWhilePaused(IInvocationOperation consume, ILoopOperation loop, INamedTypeSymbol type, Compilation compilation, KafkaLibrary kafka)
        {
            if (ConditionChecksPaused(loop))
            {
                return true;
            }

            var consumer = KafkaTypeModel.ReferencedSymbol(consume.Instance);
            if (consumer is null)
            {
                return false;
            }

            foreach (var op in loop.AllDescendants())
            {
                if (op is IInvocationOperation { TargetMethod.Name: "Resume" } resume && IsCallOn(resume, consumer, kafka))
                {
                    return false;
                }
            }

            var last = LastPauseOrResumeBefore(loop.GetMemberRoot(), loop.Syntax, consumer, kafka);
            if (last is not null)
            {
                return last == "Pause";
            }

            if (OwningMethod(loop, type) is not IMethodSymbol method)
            {
                return false;
            }

            var calls = TypeCalls.CallsOf(method, type, compilation);
            if (calls.IsEmpty)
            {
                return false;
            }

            foreach (var call in calls)
            {
                if (LastPauseOrResumeBefore(call.GetMemberRoot(), call.Syntax, consumer, kafka) != "Pause")
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsCallOn(IInvocationOperation call, ISymbol consumer, KafkaLibrary kafka) =>
            kafka.IsConsumer(call.TargetMethod.ContainingType)
            && SymbolEqualityComparer.Default.Equals(KafkaTypeModel.ReferencedSymbol(call.Instance), consumer);

        /// <summary>The name of the last <c>Pause</c> or <c>Resume</c> call on the consumer before <paramref name="before"/> in <paramref name="root"/>, or null.</summary>
        private static string? LastPauseOrResumeBefore(IOperation root, SyntaxNode before, ISymbol consumer, KafkaLibrary kafka)
        {
            string? last = null;
            var lastStart = -1;
            foreach (var op in root.AllDescendants())
            {
                if (op is IInvocationOperation { TargetMethod.Name: "Pause" or "Resume" } call
                    && call.Syntax.SyntaxTree == before.SyntaxTree
                    && call.Syntax.Span.End <= before.SpanStart
                    && call.Syntax.SpanStart > lastStart
                    && IsCallOn(call, consumer, kafka))
                {
                    last = call.TargetMethod.Name;
                    lastStart = call.Syntax.SpanStart;
                }
            }

            return last;
        }

        /// <summary>
        /// The loop's condition reads a paused state (a member, local or call whose name says paused/pause), not negated
        /// (<c>!paused</c>, <c>state != Paused</c> and <c>pausedCount == 0</c> mean the opposite).
        /// </summary>
        private static bool ConditionChecksPaused(ILoopOperation loop)
        {
            var condition = loop switch
            {
                IWhileLoopOperation w => w.Condition,
                IForLoopOperation f => f.Condition,
                _ => null,
            };
            if (condition is null)
            {
                return false;
            }

            foreach (var op in condition.AllDescendantsAndSelf())
            {
                var name = op switch
                {
                    IMemberReferenceOperation member => member.Member.Name,
                    ILocalReferenceOperation local => local.Local.Name,
                    IParameterReferenceOperation parameter => parameter.Parameter.Name,
                    IInvocationOperation invocation => invocation.TargetMethod.Name,
                    _ => null,
                };
                if (name is not null && name.IndexOf("paus", System.StringComparison.OrdinalIgnoreCase) >= 0 && !IsNegated(op, condition))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsNegated(IOperation operation, IOperation condition)
        {
            var negated = false;
            IOperation child = operation;
            for (var parent = operation.Parent; parent is not null && child != condition; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not }:
                        negated = !negated;
                        break;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                        var other = (comparison.LeftOperand == child ? comparison.RightOperand : comparison.LeftOperand).SkipConversions();
                        var empty = other.ConstantValue is { HasValue: true, Value: null or false or 0 or 0L };
                        if ((comparison.OperatorKind == BinaryOperatorKind.NotEquals) != empty)
                        {
                            negated = !negated;
                        }

                        break;
                }
            }

            return negated;
        }

        /// <summary>
        /// An endless loop that breaks or returns on what it consumed (a null result, partition EOF, an offset reached):
        /// a drain or the replay of a fixed range, not a consumer meant to run forever.
        /// </summary>
        private static bool ExitsOnConsumedData(ILoopOperation loop)
        {
            foreach (var op in loop.Body.DescendantsInSameFunction())
            {
                var exits = op is IReturnOperation || (op is IBranchOperation { BranchKind: BranchKind.Break } branch && SymbolEqualityComparer.Default.Equals(branch.Target, loop.ExitLabel));
                if (!exits)
                {
                    continue;
                }

                for (var parent = op.Parent; parent is not null && parent != loop; parent = parent.Parent)
                {
                    if (parent is IConditionalOperation { Condition: { } condition } && MentionsConsumedData(condition))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool MentionsConsumedData(IOperation condition)
        {
            foreach (var op in condition.AllDescendantsAndSelf())
            {
                if (op is IPropertyReferenceOperation { Property.Name: "IsPartitionEOF" or "Offset" or "Message" or "TopicPartitionOffset" }
                    || (op is ILocalReferenceOperation { Local.Type.Name: "ConsumeResult" }))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A catch around the loop that fails fast on purpose: it rethrows, closes or disposes, or stops the process or host.</summary>
        private static bool Aborts(ICatchClauseOperation clause)
        {
            foreach (var op in clause.Handler.DescendantsInSameFunction())
            {
                switch (op)
                {
                    case IThrowOperation:
                    case IInvocationOperation { TargetMethod.Name: "Close" or "Dispose" or "DisposeAsync" or "StopApplication" or "Exit" or "FailFast" or "Cancel" or "StopAsync" }:
                        return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The exception reaches a caller that catches it and calls again from a loop (a restart loop), anywhere in the
        /// compilation. Asked only for a finding about to be reported.
        /// </summary>
        private static bool CallerRestartsIt(ILoopOperation loop, Compilation compilation)
        {
            if (loop.GetFunctionRoot() is IAnonymousFunctionOperation || loop.SemanticModel?.GetEnclosingSymbol(loop.Syntax.SpanStart) is not IMethodSymbol method)
            {
                return false;
            }

            foreach (var caller in MethodCallers.Find(method, compilation))
            {
                var catches = new List<ICatchClauseOperation>();
                AddCatches(caller, null, catches);
                foreach (var clause in catches)
                {
                    if (clause.GetEnclosingLoop() is not null)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// The method whose body holds <paramref name="operation"/>: found among the type's members by declaration
        /// (asking the semantic model for the declared symbol searches the whole declaration, and was most of this
        /// rule's time); the semantic model answers what that misses (a partial method's implementation part).
        /// </summary>
        private static ISymbol? OwningMethod(IOperation operation, INamedTypeSymbol type)
        {
            var syntax = operation.GetMemberRoot().Syntax;
            foreach (var member in type.GetMembers())
            {
                if (member is not IMethodSymbol)
                {
                    continue;
                }

                foreach (var reference in member.DeclaringSyntaxReferences)
                {
                    if (reference.SyntaxTree == syntax.SyntaxTree && reference.Span == syntax.Span)
                    {
                        return member;
                    }
                }
            }

            return operation.SemanticModel?.GetDeclaredSymbol(syntax);
        }

        /// <summary>
        /// The catch clauses that can catch a ConsumeException from the call, inside the loop, or inside an outer loop
        /// of the same function (a batch collected by an inner loop whose try/catch is in the outer one: the inner
        /// loop ends, the consumer goes on).
        /// </summary>
        private static List<ICatchClauseOperation> CatchesBetween(IOperation consume, ILoopOperation loop, ISymbol? method)
        {
            var catches = new List<ICatchClauseOperation>();
            var outermost = OutermostLoop(loop);
            AddCatches(consume, outermost, catches);
            if (!consume.IsWithin(loop) && method is not null)
            {
                // The loop calls the method that consumes: try blocks around that call count too.
                foreach (var op in loop.AllDescendants())
                {
                    if (op is IInvocationOperation call && SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, method.OriginalDefinition))
                    {
                        AddCatches(call, outermost, catches);
                    }
                }
            }

            return catches;
        }

        private static ILoopOperation OutermostLoop(ILoopOperation loop)
        {
            var outermost = loop;
            for (var parent = loop.Parent; parent is not null and not IAnonymousFunctionOperation and not ILocalFunctionOperation; parent = parent.Parent)
            {
                if (parent is ILoopOperation outer)
                {
                    outermost = outer;
                }
            }

            return outermost;
        }

        /// <summary>The catches that can catch a ConsumeException thrown at <paramref name="from"/>, up to <paramref name="stop"/> (or the function's root).</summary>
        private static void AddCatches(IOperation from, IOperation? stop, List<ICatchClauseOperation> catches)
        {
            IOperation child = from;
            for (var parent = from.Parent; parent is not null && parent != stop && child is not IAnonymousFunctionOperation and not ILocalFunctionOperation; child = parent, parent = parent.Parent)
            {
                if (parent is ITryOperation @try && @try.Body == child)
                {
                    foreach (var clause in @try.Catches)
                    {
                        if (clause.ExceptionType.Name is "ConsumeException" or "KafkaException" or "Exception" or "Object")
                        {
                            catches.Add(clause);
                        }
                    }
                }
            }
        }
    }
}
