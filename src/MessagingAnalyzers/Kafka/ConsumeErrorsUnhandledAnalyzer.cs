using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Kafka
{
    /// <summary>
    /// MSG2011: a Consume in a consume loop (in the function, or in a method the loop calls) with no catch of
    /// ConsumeException between it and the loop (a poison message ends the loop), or whose catch swallows it:
    /// no Error.IsFatal check, no rethrow, no dead-letter produce.
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
            KafkaTypeModel.Register(context, kafka, (model, end) =>
                {
                    foreach (var consume in model.ClientCalls)
                    {
                        if (consume.TargetMethod.Name != "Consume" || !kafka.IsConsumer(consume.TargetMethod.ContainingType))
                        {
                            continue;
                        }

                        var method = consume.GetFunctionRoot() is IMethodBodyOperation or IBlockOperation ? OwningMethod(consume, (INamedTypeSymbol)end.Symbol) : null;
                        var loop = model.LoopAround(consume, method ?? end.Symbol);
                        if (loop is null)
                        {
                            continue;
                        }

                        var catches = CatchesBetween(consume, loop, model, method);
                        string problem, consequence;
                        if (catches.Count == 0)
                        {
                            problem = "is not guarded against ConsumeException inside its loop";
                            consequence = "one poison message (for example a deserialization error) ends the loop and stops the consumer";
                        }
                        else if (!catches.Exists(c => IsHandled(c, kafka)))
                        {
                            problem = "swallows ConsumeException without checking Error.IsFatal or dead-lettering the message";
                            consequence = "fatal errors go unnoticed and failed messages vanish";
                        }
                        else
                        {
                            continue;
                        }

                        end.Report(Diagnostic.Create(
                            Descriptors.MSG2011_ConsumeErrorsUnhandled,
                            consume.Syntax.GetLocation(),
                            properties: ImmutableDictionary<string, string?>.Empty.Add(ProblemProperty, catches.Count == 0 ? Unhandled : "Swallowed"),
                            consume.DisplayReceiver() + ".Consume",
                            problem,
                            consequence));
                    }
                });
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
        private static List<ICatchClauseOperation> CatchesBetween(IOperation consume, ILoopOperation loop, KafkaTypeModel model, ISymbol? method)
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

        private static void AddCatches(IOperation from, IOperation stop, List<ICatchClauseOperation> catches)
        {
            IOperation child = from;
            for (var parent = from.Parent; parent is not null && parent != stop; child = parent, parent = parent.Parent)
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

        /// <summary>The catch checks IsFatal, rethrows, or dead-letters (produces / calls a *DeadLetter* method).</summary>
        private static bool IsHandled(ICatchClauseOperation clause, KafkaLibrary kafka)
        {
            if (clause.Filter is not null)
            {
                foreach (var op in clause.Filter.AllDescendantsAndSelf())
                {
                    if (op is IPropertyReferenceOperation { Property.Name: "IsFatal" })
                    {
                        return true;
                    }
                }
            }

            foreach (var op in clause.Handler.AllDescendants())
            {
                switch (op)
                {
                    case IThrowOperation:
                    case IPropertyReferenceOperation { Property.Name: "IsFatal" }:
                        return true;
                    case IInvocationOperation invocation when kafka.IsProduce(invocation.TargetMethod)
                        || invocation.TargetMethod.Name.IndexOf("DeadLetter", System.StringComparison.OrdinalIgnoreCase) >= 0:
                        return true;
                }
            }

            return false;
        }
    }
}
