using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Kafka
{
    /// <summary>
    /// MSG2013: the blocking Consume in async code (async methods, lambdas and local functions, and methods that
    /// return Task/ValueTask); in BackgroundService.ExecuteAsync only before its first await. Also
    /// <c>Task.Factory.StartNew(async ..., LongRunning)</c> around a consume loop. Silent inside lambdas given to
    /// Task.Run/StartNew (a thread of their own) and in synchronous code.
    /// </summary>
    public sealed class ConsumeBlocksAsyncContextAnalyzer : MessagingAnalyzer
    {
        internal const string KindProperty = "Kind";
        internal const string ExecuteAsyncKind = "ExecuteAsync";

        private const int LongRunning = 2;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG2013_ConsumeBlocksAsyncContext);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Kafka;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var kafka = messaging.Kafka!;
            var framework = messaging.Framework;
            context.RegisterInvocationAction(
                ImmutableArray.Create("Consume", "StartNew"),
                operationContext =>
                {
                    var call = (IInvocationOperation)operationContext.Operation;
                    if (call.TargetMethod.Name == "Consume" && kafka.IsConsumer(call.TargetMethod.ContainingType))
                    {
                        AnalyzeConsume(operationContext, call, framework, messaging.Code);
                    }
                    else if (call.TargetMethod.Name == "StartNew" && SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, framework.TaskFactory))
                    {
                        AnalyzeStartNew(operationContext, call, kafka);
                    }
                });
        }

        private static void AnalyzeConsume(OperationAnalysisContext context, IInvocationOperation consume, FrameworkSymbols framework, CodeContext code)
        {
            var root = consume.GetFunctionRoot();
            string where;
            string consequence = "it holds a thread-pool thread while it waits for messages";
            var kind = string.Empty;
            switch (root)
            {
                case IAnonymousFunctionOperation lambda:
                    if (IsStartedOnItsOwn(lambda, framework) || !IsAsyncContext(lambda.Symbol, framework))
                    {
                        return;
                    }

                    where = "an async lambda";
                    break;
                case ILocalFunctionOperation local:
                    if (!IsAsyncContext(local.Symbol, framework))
                    {
                        return;
                    }

                    where = "async local function '" + local.Symbol.Name + "'";
                    break;
                default:
                    if (context.ContainingSymbol is not IMethodSymbol method || !IsAsyncContext(method, framework))
                    {
                        return;
                    }

                    if (method.Name == "ExecuteAsync" && method.IsOverride)
                    {
                        if (AwaitsBefore(root, consume))
                        {
                            return;
                        }

                        where = "'ExecuteAsync' before its first await";
                        consequence = "it blocks the host from starting until a message arrives";
                        kind = ExecuteAsyncKind;
                    }
                    else
                    {
                        where = "async method '" + method.Name + "'";
                    }

                    break;
            }

            // A test that blocks a thread-pool thread while it waits for its message costs nothing.
            if (code.IsTestCode(context.ContainingSymbol))
            {
                return;
            }

            context.Report(Diagnostic.Create(
                Descriptors.MSG2013_ConsumeBlocksAsyncContext,
                consume.Syntax.GetLocation(),
                properties: ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind),
                $"'{consume.DisplayReceiver()}.Consume' is called in {where}",
                consequence));
        }

        private static void AnalyzeStartNew(OperationAnalysisContext context, IInvocationOperation startNew, KafkaLibrary kafka)
        {
            IAnonymousFunctionOperation? lambda = null;
            var longRunning = false;
            foreach (var argument in startNew.Arguments)
            {
                var value = argument.Value.SkipConversions();
                if (value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation target })
                {
                    lambda = target;
                }
                else if (value is IAnonymousFunctionOperation direct)
                {
                    lambda = direct;
                }
                else if (argument.Value.ConstantValue is { HasValue: true, Value: int options } && (options & LongRunning) != 0)
                {
                    longRunning = true;
                }
            }

            if (lambda is null || !lambda.Symbol.IsAsync || !longRunning)
            {
                return;
            }

            foreach (var op in lambda.Body.AllDescendants())
            {
                if (op is IInvocationOperation { TargetMethod.Name: "Consume" } consume && kafka.IsConsumer(consume.TargetMethod.ContainingType) && consume.GetEnclosingLoop() is not null)
                {
                    context.Report(Diagnostic.Create(
                        Descriptors.MSG2013_ConsumeBlocksAsyncContext,
                        startNew.Syntax.GetLocation(),
                        properties: ImmutableDictionary<string, string?>.Empty.Add(KindProperty, string.Empty),
                        "'Task.Factory.StartNew' runs an async lambda with LongRunning around a consume loop",
                        "the dedicated thread ends at the first await and the loop continues on the thread pool"));
                    return;
                }
            }
        }

        /// <summary>Async, or returning Task/ValueTask (async in all but name).</summary>
        private static bool IsAsyncContext(IMethodSymbol method, FrameworkSymbols framework) =>
            method.IsAsync || framework.IsTask(method.ReturnType) || method.ReturnType.Name is "ValueTask";

        /// <summary>A lambda given to Task.Run or Task.Factory.StartNew runs on a thread of its own.</summary>
        private static bool IsStartedOnItsOwn(IAnonymousFunctionOperation lambda, FrameworkSymbols framework)
        {
            return lambda.GetInvocationTaking() is { TargetMethod: { Name: "Run" or "StartNew" } method }
                && (SymbolEqualityComparer.Default.Equals(method.ContainingType, framework.Task) || SymbolEqualityComparer.Default.Equals(method.ContainingType, framework.TaskFactory));
        }

        private static bool AwaitsBefore(IOperation root, IOperation consume)
        {
            foreach (var op in root.DescendantsInSameFunction())
            {
                if (op is IAwaitOperation && op.Syntax.SpanStart < consume.Syntax.SpanStart)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
