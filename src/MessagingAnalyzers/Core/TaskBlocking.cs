using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers
{
    /// <summary>How a task is waited for synchronously.</summary>
    internal enum BlockingKind
    {
        Result,
        Wait,
        GetResult,
        WaitAll,
    }

    /// <summary>A synchronous wait on a task: the operation that blocks and how.</summary>
    internal sealed class BlockingUse
    {
        public BlockingUse(IOperation operation, BlockingKind kind, string display)
        {
            Operation = operation;
            Kind = kind;
            Display = display;
        }

        /// <summary>The blocking operation: the <c>.Result</c> reference, the <c>Wait()</c>/<c>GetResult()</c>/<c>Task.WaitAll</c> call.</summary>
        public IOperation Operation { get; }

        public BlockingKind Kind { get; }

        /// <summary><c>.Result</c>, <c>.Wait()</c>, <c>.GetAwaiter().GetResult()</c>, <c>Task.WaitAll</c>.</summary>
        public string Display { get; }
    }

    /// <summary>
    /// Follows a task value to a synchronous wait on it: directly (<c>t.Result</c>), through a local
    /// (<c>var t = ...; t.Wait();</c>), a list of tasks (<c>tasks.Add(t); Task.WaitAll(tasks.ToArray())</c>),
    /// <c>Task.WhenAll</c>, a <c>Task.Run(() =&gt; ...)</c> lambda, or a LINQ projection
    /// (<c>Task.WaitAll(values.Select(v =&gt; ...).ToArray())</c>). A wait on a task that was awaited (or
    /// checked for completion) earlier in the same function is not blocking.
    /// </summary>
    internal static class TaskBlocking
    {
        private const int MaxDepth = 3;

        public static BlockingUse? Find(IOperation task, FrameworkSymbols framework) => Find(task, framework, 0);

        private static BlockingUse? Find(IOperation value, FrameworkSymbols framework, int depth)
        {
            if (depth > MaxDepth)
            {
                return null;
            }

            var outer = value.WalkUpConversions();
            switch (outer.Parent)
            {
                case IPropertyReferenceOperation { Property.Name: "Result" } result when result.Instance == outer && framework.IsTask(outer.Type):
                    return new BlockingUse(result, BlockingKind.Result, ".Result");

                case IInvocationOperation invocation when invocation.Instance == outer:
                    return FindOnInstanceCall(invocation, framework, depth);

                case IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Add", Instance: ILocalReferenceOperation list } }:
                    // tasks.Add(producer.ProduceAsync(...)); ... Task.WaitAll(tasks.ToArray());
                    return FindThroughLocal(outer, list.Local, framework, depth);

                case IArgumentOperation { Parent: IInvocationOperation call }:
                    return FindOnArgument(call, framework, depth);

                case IArrayElementReferenceOperation:
                    return null;

                case IArrayInitializerOperation { Parent: IArrayCreationOperation array }:
                    return Find(array, framework, depth + 1);

                case IReturnOperation returned:
                    return FindThroughTaskRun(returned, framework, depth);

                case IAwaitOperation awaited when awaited.WalkUpConversions().Parent is IReturnOperation returned:
                    // Task.Run(async () => await producer.ProduceAsync(...)).Result
                    return FindThroughTaskRun(returned, framework, depth);
            }

            var local = outer.GetAssignedLocal();
            return local is null ? null : FindThroughLocal(outer, local, framework, depth);
        }

        private static BlockingUse? FindOnInstanceCall(IInvocationOperation invocation, FrameworkSymbols framework, int depth)
        {
            switch (invocation.TargetMethod.Name)
            {
                case "Wait" when framework.IsTask(invocation.Instance?.Type):
                    return new BlockingUse(invocation, BlockingKind.Wait, ".Wait()");
                case "GetAwaiter":
                    if (invocation.WalkUpConversions().Parent is IInvocationOperation { TargetMethod.Name: "GetResult" } getResult
                        && getResult.Instance?.WalkUpConversions() == invocation.WalkUpConversions())
                    {
                        return new BlockingUse(getResult, BlockingKind.GetResult, ".GetAwaiter().GetResult()");
                    }

                    return null;
                case "ConfigureAwait":
                    return Find(invocation, framework, depth + 1);
                case "ToArray" or "ToList":
                    return Find(invocation, framework, depth + 1);
                default:
                    return null;
            }
        }

        private static BlockingUse? FindOnArgument(IInvocationOperation call, FrameworkSymbols framework, int depth)
        {
            var method = call.TargetMethod;
            if (method.IsStatic && SymbolEqualityComparer.Default.Equals(method.ContainingType, framework.Task))
            {
                switch (method.Name)
                {
                    case "WaitAll":
                    case "WaitAny":
                        return new BlockingUse(call, BlockingKind.WaitAll, "Task." + method.Name);
                    case "WhenAll":
                    case "WhenAny":
                        return Find(call, framework, depth + 1);
                }
            }

            if (method.IsExtensionMethod && method.Name is "ToArray" or "ToList")
            {
                return Find(call, framework, depth + 1);
            }

            return null;
        }

        private static BlockingUse? FindThroughTaskRun(IReturnOperation returned, FrameworkSymbols framework, int depth)
        {
            if (returned.GetFunctionRoot() is not IAnonymousFunctionOperation lambda)
            {
                return null;
            }

            if (lambda.GetInvocationTaking() is not { } run)
            {
                return null;
            }

            if (run.TargetMethod.Name is "Run" or "StartNew"
                && (SymbolEqualityComparer.Default.Equals(run.TargetMethod.ContainingType, framework.Task)
                    || SymbolEqualityComparer.Default.Equals(run.TargetMethod.ContainingType, framework.TaskFactory)))
            {
                return Find(run, framework, depth + 1);
            }

            // values.Select(v => producer.ProduceAsync(...)): the projection's tasks, followed to Task.WaitAll(...ToArray()).
            if (run.TargetMethod is { Name: "Select", ContainingType.Name: "Enumerable" } select
                && Symbols.IsNamespace(select.ContainingNamespace, "System.Linq"))
            {
                return Find(run, framework, depth + 1);
            }

            return null;
        }

        private static BlockingUse? FindThroughLocal(IOperation assignedValue, ILocalSymbol local, FrameworkSymbols framework, int depth)
        {
            var root = assignedValue.GetFunctionRoot();
            var start = assignedValue.Syntax.SpanStart;
            var completedAt = int.MaxValue;
            BlockingUse? first = null;
            foreach (var op in root.DescendantsInSameFunction())
            {
                if (op is not ILocalReferenceOperation reference
                    || !SymbolEqualityComparer.Default.Equals(reference.Local, local)
                    || reference.Syntax.SpanStart < start)
                {
                    continue;
                }

                if (IsCompletionCheck(reference, framework))
                {
                    completedAt = System.Math.Min(completedAt, reference.Syntax.SpanStart);
                    continue;
                }

                var use = Find(reference, framework, depth + 1);
                if (use is not null && (first is null || use.Operation.Syntax.SpanStart < first.Operation.Syntax.SpanStart))
                {
                    first = use;
                }
            }

            return first is not null && first.Operation.Syntax.SpanStart < completedAt ? first : null;
        }

        /// <summary><c>await t</c>, <c>await Task.WhenAll(..t..)</c>, <c>t.IsCompleted</c>: after this, t.Result does not block.</summary>
        private static bool IsCompletionCheck(ILocalReferenceOperation reference, FrameworkSymbols framework)
        {
            IOperation current = reference.WalkUpConversions();
            for (var i = 0; i < 4; i++)
            {
                switch (current.Parent)
                {
                    case IAwaitOperation:
                        return true;
                    case IPropertyReferenceOperation { Property.Name: "IsCompleted" or "IsCompletedSuccessfully" or "Status" or "IsFaulted" }:
                        return true;
                    case IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "ToArray" or "ToList" } call:
                        current = call.WalkUpConversions();
                        continue;
                    case IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "WhenAll" or "WhenAny" or "ToArray" or "ToList" } call }:
                        current = call.WalkUpConversions();
                        continue;
                    case IArrayInitializerOperation { Parent: IArrayCreationOperation array }:
                        current = array.WalkUpConversions();
                        continue;
                    default:
                        return false;
                }
            }

            return false;
        }
    }
}
