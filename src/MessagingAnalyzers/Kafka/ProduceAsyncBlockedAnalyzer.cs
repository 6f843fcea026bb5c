using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Kafka
{
    /// <summary>
    /// MSG2001: a ProduceAsync task that is waited for synchronously (.Result, .Wait(),
    /// .GetAwaiter().GetResult(), Task.WaitAll, Task.Run(...).Result).
    /// </summary>
    public sealed class ProduceAsyncBlockedAnalyzer : MessagingAnalyzer
    {
        /// <summary>Property naming the blocking kind, read by the code fix.</summary>
        internal const string KindProperty = "Kind";

        /// <summary>
        /// Present, with the reason, when no mechanical fix exists: the delivery result is used in synchronous code
        /// (awaiting would change the method's signature and every caller). Fix All skips such occurrences.
        /// </summary>
        internal const string NoFixProperty = "NoFix";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG2001_ProduceAsyncBlocked);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Kafka;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var kafka = messaging.Kafka!;
            var framework = messaging.Framework;
            context.RegisterInvocationAction(
                ImmutableArray.Create("ProduceAsync"),
                operationContext =>
                {
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    if (invocation.TargetMethod.Name != "ProduceAsync" || !kafka.IsProduceAsync(invocation.TargetMethod))
                    {
                        return;
                    }

                    var use = TaskBlocking.Find(invocation, framework);
                    if (use is null)
                    {
                        return;
                    }

                    operationContext.Report(Diagnostic.Create(
                        Descriptors.MSG2001_ProduceAsyncBlocked,
                        invocation.Syntax.GetLocation(),
                        additionalLocations: new[] { use.Operation.Syntax.GetLocation() },
                        properties: Properties(use, operationContext.ContainingSymbol),
                        use.Display,
                        invocation.DisplayReceiver() + ".ProduceAsync"));
                });
        }

        private static ImmutableDictionary<string, string?> Properties(BlockingUse use, ISymbol owner)
        {
            var properties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, use.Kind.ToString());
            var outer = use.Operation.WalkUpConversions();
            var discarded = outer.Parent is IExpressionStatementOperation
                || (outer.Parent is ISimpleAssignmentOperation { Target: IDiscardOperation } assignment && assignment.Parent is IExpressionStatementOperation);
            return discarded || use.Operation.IsInAsyncFunction(owner)
                ? properties
                : properties.Add(NoFixProperty, "the result is used in synchronous code: awaiting it would change the method's signature and its callers");
        }
    }
}
