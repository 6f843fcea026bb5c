using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Design
{
    /// <summary>
    /// MSG1002: a function produces to Kafka and then waits for a reply: it consumes (or subscribes a
    /// consumer it built for this call), awaits a per-request TaskCompletionSource or wait handle, or
    /// polls for a correlation id. Reported on the produce that starts the exchange.
    /// </summary>
    public sealed class KafkaRequestReplyAnalyzer : MessagingAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG1002_KafkaRequestReply);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Kafka;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            if (messaging.Framework.IsTestProject)
            {
                return;
            }

            var kafka = messaging.Kafka!;
            context.RegisterInvocationAction(
                KafkaLibrary.ProduceCalls,
                operationContext =>
                {
                    var produce = (IInvocationOperation)operationContext.Operation;
                    if (produce.TargetMethod.Name is not ("Produce" or "ProduceAsync") || !kafka.IsProduce(produce.TargetMethod))
                    {
                        return;
                    }

                    var owner = operationContext.ContainingSymbol;
                    // Console demos in Main are fine, but not a minimal-API endpoint declared in top-level statements.
                    if (CodeContext.IsEntryPoint(owner) && !messaging.Code.IsInRequestHandler(produce, owner))
                    {
                        return;
                    }

                    var wait = FindReplyWait(produce, messaging, owner);
                    if (wait is null)
                    {
                        return;
                    }

                    operationContext.Report(Diagnostic.Create(
                        Descriptors.MSG1002_KafkaRequestReply,
                        produce.Syntax.GetLocation(),
                        owner.Name,
                        produce.DisplayReceiver() + "." + produce.TargetMethod.Name,
                        wait));
                });
        }

        /// <summary>
        /// Every name a wait <see cref="DescribeWait"/> recognizes must use: consumer reads, <c>TaskCompletionSource.Task</c>,
        /// wait handles, and the sleep of a polling loop. A function whose body names none is not walked.
        /// </summary>
        private static readonly NameScan WaitNames = new(new[] { "Consume", "Subscribe", "Assign", "IncrementalAssign", "Task", "Wait", "WaitAsync", "WaitOne", "Delay", "Sleep" });

        /// <summary>
        /// The first wait for a reply after <paramref name="produce"/> in the same function, as display text;
        /// null when there is none, or when another produce comes between (that one starts the exchange).
        /// </summary>
        private static string? FindReplyWait(IInvocationOperation produce, MessagingContext messaging, ISymbol owner)
        {
            var kafka = messaging.Kafka!;
            var root = produce.GetFunctionRoot();
            if (!WaitNames.AnyIn(Operations.BodySyntax(root)))
            {
                return null;
            }

            var start = produce.Syntax.Span.End;
            var inHostedService = messaging.Code.IsHostedService(owner.ContainingType);
            IOperation? firstWait = null;
            string? display = null;
            var nextProduce = int.MaxValue;
            Scan(root);
            return firstWait is not null && firstWait.Syntax.SpanStart < nextProduce ? display : null;

            // Depth first over the function (not into lambdas or local functions), skipping every subtree that ends
            // before the produce: nothing in it can come after. (Its full span: Span would walk to its last token.)
            void Scan(IOperation parent)
            {
                foreach (var op in parent.ChildOperations)
                {
                    if (op is IAnonymousFunctionOperation or ILocalFunctionOperation || op.Syntax.FullSpan.End <= start)
                    {
                        continue;
                    }

                    // Only calls, property reads (TaskCompletionSource.Task) and loops can be waits: skip the rest
                    // before asking for a position, which costs a walk down the syntax to the first token.
                    if (op.Kind is OperationKind.Invocation or OperationKind.PropertyReference or OperationKind.Loop
                        && op.Syntax.SpanStart is var position && position >= start)
                    {
                        if (op is IInvocationOperation other && other != produce && kafka.IsProduce(other.TargetMethod))
                        {
                            nextProduce = System.Math.Min(nextProduce, position);
                        }
                        else if (DescribeWait(op, messaging, inHostedService) is { } candidate && (firstWait is null || position < firstWait.Syntax.SpanStart))
                        {
                            firstWait = op;
                            display = candidate;
                        }
                    }

                    Scan(op);
                }
            }
        }

        private static string? DescribeWait(IOperation op, MessagingContext messaging, bool inHostedService)
        {
            var framework = messaging.Framework;
            switch (op)
            {
                case IInvocationOperation invocation when messaging.Kafka!.IsConsumerRead(invocation.TargetMethod):
                    var consumer = invocation.Instance?.SkipConversions();
                    if (invocation.TargetMethod.Name == "Consume")
                    {
                        // A consume loop of a hosted service is a processor (consume one topic, produce to another).
                        return inHostedService && invocation.GetEnclosingLoop() is not null ? null : invocation.DisplayReceiver() + ".Consume";
                    }

                    // Subscribe/Assign wait for replies only on a consumer built for this call.
                    return consumer is ILocalReferenceOperation ? invocation.DisplayReceiver() + "." + invocation.TargetMethod.Name : null;

                case IPropertyReferenceOperation { Property.Name: "Task", Instance: { } instance }
                    when framework.IsTaskCompletionSource(instance.Type) && instance is not (IFieldReferenceOperation or IPropertyReferenceOperation)
                        && !IsCompletedByDeliveryHandler(instance, messaging.Kafka!):
                    return instance.Syntax + ".Task";

                case IInvocationOperation { TargetMethod.Name: "Wait" or "WaitAsync" or "WaitOne", Instance: ILocalReferenceOperation handle } wait
                    when IsWaitHandle(handle.Type):
                    return wait.DisplayReceiver() + "." + wait.TargetMethod.Name;

                case ILoopOperation loop when IsPollingLoop(loop, framework):
                    return "a polling loop";

                default:
                    return null;
            }
        }

        /// <summary>
        /// A local TaskCompletionSource that is completed inside a delivery handler passed to <c>Produce</c>: it waits for
        /// the delivery reports of what the method produced, not for a reply.
        /// </summary>
        private static bool IsCompletedByDeliveryHandler(IOperation source, KafkaLibrary kafka)
        {
            if (source.SkipConversions() is not ILocalReferenceOperation local)
            {
                return false;
            }

            foreach (var op in source.GetMemberRoot().AllDescendants())
            {
                if (op is IInvocationOperation { TargetMethod.Name: "SetResult" or "TrySetResult" or "SetException" or "TrySetException", Instance: ILocalReferenceOperation completed } completion
                    && SymbolEqualityComparer.Default.Equals(completed.Local, local.Local))
                {
                    for (var parent = completion.Parent; parent is not null; parent = parent.Parent)
                    {
                        if ((parent is IInvocationOperation produce && kafka.IsProduce(produce.TargetMethod))
                            || (parent is ILocalFunctionOperation handler && IsPassedToProduce(handler.Symbol, source.GetMemberRoot(), kafka)))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>A local function given to a produce call as its delivery handler (<c>Produce(topic, message, OnDelivered)</c>).</summary>
        private static bool IsPassedToProduce(IMethodSymbol handler, IOperation root, KafkaLibrary kafka)
        {
            foreach (var op in root.AllDescendants())
            {
                if (op is IMethodReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Method, handler)
                    && reference.Parent?.Parent is IArgumentOperation { Parent: IInvocationOperation produce }
                    && kafka.IsProduce(produce.TargetMethod))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsWaitHandle(ITypeSymbol? type) =>
            type is not null
            && Symbols.IsNamespace(type.ContainingNamespace, "System.Threading")
            && type.Name is "ManualResetEventSlim" or "ManualResetEvent" or "AutoResetEvent" or "SemaphoreSlim" or "CountdownEvent";

        /// <summary>A loop that sleeps and looks a reply up (<c>TryGetValue</c>, <c>StringGet</c>, ...) on every turn.</summary>
        private static bool IsPollingLoop(ILoopOperation loop, FrameworkSymbols framework)
        {
            var sleeps = false;
            var looksUp = false;
            foreach (var op in loop.DescendantsInSameFunction())
            {
                if (op is not IInvocationOperation invocation)
                {
                    continue;
                }

                var method = invocation.TargetMethod;
                switch (method.Name)
                {
                    case "Delay" when SymbolEqualityComparer.Default.Equals(method.ContainingType, framework.Task):
                    case "Sleep" when SymbolEqualityComparer.Default.Equals(method.ContainingType, framework.Thread):
                        sleeps = true;
                        break;
                    case "TryGetValue":
                    case "TryRemove":
                    case "ContainsKey":
                    case "StringGet":
                    case "StringGetAsync":
                    case "HashGet":
                    case "HashGetAsync":
                    case "KeyExists":
                    case "KeyExistsAsync":
                        looksUp = true;
                        break;
                }
            }

            return sleeps && looksUp;
        }
    }
}
