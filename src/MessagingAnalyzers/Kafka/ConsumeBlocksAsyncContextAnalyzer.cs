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
    /// Task.Run/StartNew (a thread of their own) and in synchronous code; in a method that every caller in the
    /// compilation starts through Task.Run, Task.Factory.StartNew or new Thread; for Consume(TimeSpan.Zero) / Consume(0)
    /// (never waits); in top-level statements and Main (a console program holds no pool thread anyone waits for).
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
                        AnalyzeConsume(operationContext, call, framework);
                    }
                    else if (call.TargetMethod.Name == "StartNew" && SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, framework.TaskFactory))
                    {
                        AnalyzeStartNew(operationContext, call, kafka);
                    }
                });
        }

        private const string OwnThreadAdvice = "Run the consume loop on its own thread (Task.Factory.StartNew with TaskCreationOptions.LongRunning, or Task.Run)";

        private static void AnalyzeConsume(OperationAnalysisContext context, IInvocationOperation consume, FrameworkSymbols framework)
        {
            // Consume(TimeSpan.Zero) / Consume(0) polls and returns at once: it never waits.
            if (NeverWaits(consume))
            {
                return;
            }

            var root = consume.GetFunctionRoot();
            string where;
            string consequence = "it holds a thread-pool thread while it waits for messages";
            var advice = OwnThreadAdvice;
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
                    // A console program's own loop (top-level statements, Main) holds no pool thread anyone waits for.
                    if (!IsAsyncContext(local.Symbol, framework) || CodeContext.IsEntryPoint(context.ContainingSymbol)
                        || !CallersLeaveItOnTheirThread(local.Symbol, context.Compilation, framework, ref advice))
                    {
                        return;
                    }

                    where = "async local function '" + local.Symbol.Name + "'";
                    break;
                default:
                    if (context.ContainingSymbol is not IMethodSymbol method || !IsAsyncContext(method, framework) || CodeContext.IsEntryPoint(method))
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
                        if (!CallersLeaveItOnTheirThread(method, context.Compilation, framework, ref advice))
                        {
                            return;
                        }

                        where = "async method '" + method.Name + "'";
                    }

                    break;
            }

            context.Report(Diagnostic.Create(
                Descriptors.MSG2013_ConsumeBlocksAsyncContext,
                consume.Syntax.GetLocation(),
                properties: ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind),
                $"'{consume.DisplayReceiver()}.Consume' is called in {where}",
                consequence,
                advice));
        }

        /// <summary>
        /// False when every caller in the compilation starts <paramref name="method"/> on a thread of its own (Task.Run,
        /// Task.Factory.StartNew, new Thread): then no caller's thread is blocked. When some caller does so and others do
        /// not, the advice does not propose Task.Run again.
        /// </summary>
        private static bool CallersLeaveItOnTheirThread(IMethodSymbol method, Compilation compilation, FrameworkSymbols framework, ref string advice)
        {
            var callers = MethodCallers.Find(method, compilation);
            if (callers.IsEmpty)
            {
                // Nobody in this compilation calls it. An override or interface implementation is called by its framework
                // (a host awaits ExecuteAsync); any other method is called from another project, whose threads we cannot see.
                return method.IsOverride || method.MethodKind == MethodKind.LocalFunction || ImplementsInterface(method);
            }

            var started = 0;
            foreach (var caller in callers)
            {
                if (MethodCallers.StartsOnItsOwnThread(caller, framework))
                {
                    started++;
                }
            }

            if (started == callers.Length)
            {
                return false;
            }

            if (started > 0)
            {
                advice = "A caller already starts it with Task.Run, where it still holds a pool thread: make the loop synchronous and run it on a dedicated thread (Task.Factory.StartNew with TaskCreationOptions.LongRunning, or new Thread) from every caller";
            }

            return true;
        }

        private static bool ImplementsInterface(IMethodSymbol method)
        {
            foreach (var implemented in method.ContainingType.AllInterfaces)
            {
                foreach (var member in implemented.GetMembers(method.Name))
                {
                    if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary><c>Consume(TimeSpan.Zero)</c>, <c>Consume(0)</c>, <c>Consume(default(TimeSpan))</c>: a poll that does not wait.</summary>
        private static bool NeverWaits(IInvocationOperation consume)
        {
            if (consume.Arguments.Length != 1)
            {
                return false;
            }

            var value = consume.Arguments[0].Value.SkipConversions();
            return value switch
            {
                { ConstantValue: { HasValue: true, Value: int milliseconds } } => milliseconds == 0,
                IFieldReferenceOperation { Field: { Name: "Zero", ContainingType.Name: "TimeSpan" } } => true,
                IDefaultValueOperation { Type.Name: "TimeSpan" } => true,
                _ => false,
            };
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
                        "the dedicated thread ends at the first await and the loop continues on the thread pool",
                        "Pass a synchronous lambda, so that the loop stays on the dedicated thread"));
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
