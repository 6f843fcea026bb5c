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
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DestructivePopQueueAnalyzer : MessagingAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG3002_DestructivePopQueue);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Redis;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var redis = messaging.Redis!;
            context.RegisterSymbolStartAction(
                start =>
                {
                    var calls = new TypeCalls((INamedTypeSymbol)start.Symbol);
                    var pops = ImmutableArray.CreateBuilder<(IInvocationOperation Pop, ISymbol Owner)>();
                    start.RegisterOperationAction(
                        c =>
                        {
                            var invocation = (IInvocationOperation)c.Operation;
                            calls.Add(invocation);
                            if (invocation.TargetMethod.Name is "ListLeftPop" or "ListRightPop" or "ListLeftPopAsync" or "ListRightPopAsync"
                                && redis.IsDatabase(invocation.TargetMethod.ContainingType))
                            {
                                lock (pops) pops.Add((invocation, c.ContainingSymbol));
                            }
                        },
                        OperationKind.Invocation);
                    start.RegisterSymbolEndAction(end =>
                    {
                        foreach (var (pop, owner) in pops.ToImmutable())
                        {
                            if (calls.LoopAround(pop, owner) is not null || messaging.Code.IsHostedService(owner.ContainingType))
                            {
                                end.ReportDiagnostic(Diagnostic.Create(Descriptors.MSG3002_DestructivePopQueue, pop.Syntax.GetLocation(), pop.DisplayReceiver() + "." + pop.TargetMethod.Name));
                            }
                        }
                    });
                },
                SymbolKind.NamedType);
        }
    }
}
