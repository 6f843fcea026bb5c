using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Redis
{
    /// <summary>
    /// MSG3013: a synchronous IDatabase/ISubscriber command inside async code (async methods, lambdas and local
    /// functions, and methods returning Task/ValueTask) when the Async twin exists. Not reported: a call with
    /// <c>CommandFlags.FireAndForget</c> (it does not wait for the reply), console programs (<c>Main</c>, top-level
    /// statements: no request or pool thread is held), the synchronous branch of a bridge that chooses between the
    /// call and its async twin by a flag (<see cref="AsyncBridge"/>), and test code.
    /// </summary>
    public sealed class SyncRedisCallInAsyncMethodAnalyzer : MessagingAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG3013_SyncRedisCallInAsyncMethod);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Redis;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var redis = messaging.Redis!;
            var framework = messaging.Framework;
            context.RegisterOperationAction(
                operationContext =>
                {
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    var method = invocation.TargetMethod;
                    if (method.Name.EndsWith("Async", System.StringComparison.Ordinal)
                        || method.IsStatic
                        || !(redis.IsDatabase(method.ContainingType) || redis.IsSubscriber(method.ContainingType))
                        || !IsAsyncContext(invocation, operationContext.ContainingSymbol, framework)
                        || !HasAsyncTwin(method)
                        || RedisLibrary.IsFireAndForget(invocation)
                        || CodeContext.IsEntryPoint(operationContext.ContainingSymbol)
                        || AsyncBridge.IsSyncBranch(invocation))
                    {
                        return;
                    }

                    operationContext.Report(Diagnostic.Create(
                        Descriptors.MSG3013_SyncRedisCallInAsyncMethod,
                        invocation.Syntax.GetLocation(),
                        invocation.DisplayReceiver() + "." + method.Name,
                        method.Name + "Async"));
                },
                OperationKind.Invocation);
        }

        private static bool IsAsyncContext(IOperation operation, ISymbol owner, FrameworkSymbols framework)
        {
            var method = operation.GetFunctionRoot() switch
            {
                IAnonymousFunctionOperation lambda => lambda.Symbol,
                ILocalFunctionOperation local => local.Symbol,
                _ => owner as IMethodSymbol,
            };
            return method is not null && (method.IsAsync || framework.IsTask(method.ReturnType) || method.ReturnType.Name == "ValueTask");
        }

        private static bool HasAsyncTwin(IMethodSymbol method)
        {
            var twin = method.Name + "Async";
            foreach (var type in method.ContainingType.AllInterfaces.Add(method.ContainingType))
            {
                foreach (var member in type.GetMembers(twin))
                {
                    if (member is IMethodSymbol candidate && candidate.Parameters.Length == method.Parameters.Length)
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
