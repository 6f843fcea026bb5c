using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Redis
{
    /// <summary>
    /// MSG3008: <c>Subscribe(channel, handler)</c> with an async lambda or async method (async void), or a handler
    /// whose body can throw and is not wrapped in try/catch. Handlers that only hand the message over
    /// (TryWrite, Enqueue, TryAdd, Set, ...) and <c>.OnMessage(...)</c> queues are not reported.
    /// </summary>
    public sealed class SubscribeHandlerUnsafeAnalyzer : MessagingAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG3008_SubscribeHandlerUnsafe);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Redis;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var redis = messaging.Redis!;
            context.RegisterInvocationAction(
                ImmutableArray.Create("Subscribe", "SubscribeAsync"),
                operationContext =>
                {
                    var subscribe = (IInvocationOperation)operationContext.Operation;
                    if (subscribe.TargetMethod.Name is not ("Subscribe" or "SubscribeAsync")
                        || !redis.IsSubscriber(subscribe.TargetMethod.ContainingType)
                        || subscribe.GetArgument("handler") is not { } handler
                        || handler.Value.SkipConversions() is not IDelegateCreationOperation creation)
                    {
                        return;
                    }

                    var asyncVoid = IsVoidDelegate(creation.Type);
                    string? problem = creation.Target switch
                    {
                        IAnonymousFunctionOperation { Symbol.IsAsync: true } when asyncVoid => "is an async lambda, which runs as async void",
                        IMethodReferenceOperation { Method: { IsAsync: true, ReturnsVoid: true } } method => $"is the async method '{method.Method.Name}', which runs as async void",
                        IAnonymousFunctionOperation { Symbol.IsAsync: false } lambda when CanThrowUncaught(lambda.Body) => "can throw, and nothing catches it",
                        _ => null,
                    };
                    if (problem is not null)
                    {
                        var consequence = creation.Target is IAnonymousFunctionOperation { Symbol.IsAsync: false }
                            ? SwallowedConsequence
                            : CrashConsequence;
                        operationContext.Report(Diagnostic.Create(
                            Descriptors.MSG3008_SubscribeHandlerUnsafe, handler.Value.Syntax.GetLocation(), subscribe.DisplayReceiver() + "." + subscribe.TargetMethod.Name, problem, consequence));
                    }
                });
        }

        /// <summary>What happens to an exception of a synchronous handler.</summary>
        internal const string SwallowedConsequence = "StackExchange.Redis does not surface exceptions thrown by subscription handlers, so failures disappear";

        /// <summary>What happens to an exception of an async void handler.</summary>
        internal const string CrashConsequence = "an exception it throws escapes StackExchange.Redis to the thread pool and crashes the process";

        /// <summary>The delegate returns void (an async lambda converted to it is async void).</summary>
        private static bool IsVoidDelegate(ITypeSymbol? type) =>
            type is INamedTypeSymbol { DelegateInvokeMethod: { ReturnsVoid: true } };

        private static bool CanThrowUncaught(IBlockOperation body)
        {
            // A body that is one try statement with a catch handles its own exceptions.
            var statements = body.Operations;
            var meaningful = 0;
            foreach (var statement in statements)
            {
                if (!statement.IsImplicit || statement is not IReturnOperation { ReturnedValue: null })
                {
                    meaningful++;
                }
            }

            if (meaningful == 1 && statements[0] is ITryOperation { Catches.Length: > 0 })
            {
                return false;
            }

            foreach (var op in body.AllDescendants())
            {
                switch (op)
                {
                    case IThrowOperation:
                        return true;
                    case IInvocationOperation invocation when !IsHandOver(invocation):
                        return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Calls that only hand the message to another component, or log it, and do not throw in practice: channel
        /// writes and queues, <c>Try*</c> methods that answer with a bool, <c>Interlocked</c>, and logging
        /// (<c>Console.Write*</c>, <c>Debug</c>/<c>Trace</c>, <c>ILogger.Log*</c>).
        /// </summary>
        private static bool IsHandOver(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            return method.Name is "TryWrite" or "Enqueue" or "TryAdd" or "Set" or "Release" or "TrySetResult" or "Post" or "ToString"
                || method.ContainingType.Name is "Interlocked" or "Volatile"
                || (method.Name.StartsWith("Try", System.StringComparison.Ordinal) && method.ReturnType.SpecialType == SpecialType.System_Boolean)
                || CodeContext.IsLogging(method);
        }

    }
}
