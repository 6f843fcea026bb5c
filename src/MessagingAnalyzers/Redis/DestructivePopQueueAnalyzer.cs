using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Redis
{
    /// <summary>
    /// MSG3002: ListLeftPop/ListRightPop(Async) used as a work queue: in a loop, in a hosted service, or in a
    /// method of the type that a loop calls (pop in one method, process in another). Pops outside loops (a
    /// cache or stack of non-durable data) are not reported.
    /// </summary>
    public sealed class DestructivePopQueueAnalyzer : MessagingAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG3002_DestructivePopQueue);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Redis;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var redis = messaging.Redis!;
            context.RegisterInvocationAction(
                InvocationActions.WithAsync("ListLeftPop", "ListRightPop"),
                c =>
                {
                    var pop = (IInvocationOperation)c.Operation;
                    if (pop.TargetMethod.Name is not ("ListLeftPop" or "ListRightPop" or "ListLeftPopAsync" or "ListRightPopAsync")
                        || !redis.IsDatabase(pop.TargetMethod.ContainingType))
                    {
                        return;
                    }

                    var owner = c.ContainingSymbol;
                    if (messaging.Code.IsHostedService(owner.ContainingType)
                        || TypeCalls.LoopAround(pop, owner, owner.ContainingType, c.Compilation) is not null)
                    {
                        c.Report(Diagnostic.Create(Descriptors.MSG3002_DestructivePopQueue, pop.Syntax.GetLocation(), pop.DisplayReceiver() + "." + pop.TargetMethod.Name));
                    }
                });
        }
    }
}
