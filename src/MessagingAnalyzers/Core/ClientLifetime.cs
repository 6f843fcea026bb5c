using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers
{
    /// <summary>
    /// Why a long-lived client (Kafka client, Redis multiplexer) created at an operation lives only for one
    /// operation: created inside a loop, in a request handler, disposed when the method returns, or leaked.
    /// Shared by MSG2004 and MSG3001 so that both recognise the same legitimate owners: Main/top-level
    /// statements, ExecuteAsync/StartAsync, methods that use the client in a loop of their own, factories that
    /// return it, fields, Lazy&lt;T&gt; and DI registrations (MSG1004's business), tests.
    /// </summary>
    internal static class ClientLifetime
    {
        /// <summary>The reason, as the end of a sentence, or null when the client is owned legitimately.</summary>
        public static string? PerOperationReason(IOperation created, ISymbol owner, MessagingContext messaging)
        {
            if (InRegistrationOrFactoryLambda(created) || InInitializer(created))
            {
                return null;
            }

            var outer = created.WalkUpConversions();
            var local = outer.GetAssignedLocal();
            if (created.GetEnclosingLoop() is { } creationLoop)
            {
                // N long-lived clients, each handed to a loop of its own (a consumer per partition or per topic,
                // started with Task.Run or a thread), are not clients per operation.
                return (local is not null && (HandsToLongRunningLoop(created.GetFunctionRoot(), local, creationLoop) || ConsumesInInnerLoop(local, creationLoop)))
                    // (A Redis multiplexer kept per endpoint is judged by EndpointClients: the same endpoint twice is still a waste.)
                    || (messaging.Redis?.IsMultiplexer(outer.Type) != true && OutlivesTheIteration(outer, local, creationLoop))
                    ? null
                    : "inside a loop";
            }

            if (messaging.Code.IsInRequestHandler(created, owner))
            {
                return "in a request handler, once per request";
            }

            if (messaging.Code.IsTestCode(owner) || created.SemanticModel is not { } semanticModel
                || messaging.Code.RunsOncePerProcess(owner, semanticModel.Compilation))
            {
                return null;
            }

            if (outer.Parent is IExpressionStatementOperation)
            {
                return "and never stores or disposes it, so its threads and connections leak";
            }

            if (local is null)
            {
                return null;
            }

            var disposed = outer.IsDeclaredByUsing();
            var root = created.GetFunctionRoot();
            if (messaging.Kafka?.IsAdminClient(outer.Type) == true && owner is IMethodSymbol ownerMethod
                && IsOneShotAdminWork(root, local, ownerMethod, semanticModel.Compilation, messaging))
            {
                return null;
            }

            // The locals that hold the client: the first one, and the local a task kept in it is awaited into
            // (var pending = ConnectAsync(...); var client = await pending;).
            var holders = new List<ILocalSymbol> { local };
            var unknown = false;
            for (var index = 0; index < holders.Count; index++)
            {
                var holder = holders[index];
                // Lambdas are entered: a client used by a loop inside Task.Run (or a thread) is used by a long-running loop.
                foreach (var op in root.AllDescendants())
                {
                    if (op is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, holder))
                    {
                        continue;
                    }

                    if (IsInLoopWithin(reference, root))
                    {
                        // A long-running loop method that owns its client.
                        return null;
                    }

                    var use = reference.WalkUpConversions();
                    if (AwaitOf(use) is { } awaited)
                    {
                        if (awaited.GetAssignedLocal() is { } next)
                        {
                            // Followed as the client's local.
                            disposed |= awaited.IsDeclaredByUsing();
                            if (holders.Count < 4 && !holders.Contains(next, SymbolEqualityComparer.Default))
                            {
                                holders.Add(next);
                            }

                            continue;
                        }

                        use = awaited;
                    }

                    switch (use.Parent)
                    {
                        case IInvocationOperation { TargetMethod.Name: "Dispose" or "DisposeAsync" or "Close" or "CloseAsync" }:
                            disposed = true;
                            break;
                        case IReturnOperation:
                        case IArgumentOperation:
                        case ISimpleAssignmentOperation assignment when assignment.Value.WalkUpConversions() == use:
                        case IVariableInitializerOperation:
                            return null;
                        case IInvalidOperation:
                            // Code that does not bind (a helper whose types are not resolved): where the client goes is not
                            // known, so it is not claimed to leak (one disposed when the method returns still lives one operation).
                            unknown = true;
                            break;
                    }
                }
            }

            if (unknown && !disposed)
            {
                return null;
            }

            return disposed
                ? "and disposes it when '" + owner.Name + "' returns"
                : "and never stores or disposes it, so its threads and connections leak";
        }

        /// <summary>Admin calls that set topics up or read what exists: start-up work, done once rather than per message.</summary>
        private static readonly ImmutableArray<string> AdminSetUpCalls = ImmutableArray.Create(
            "CreateTopicsAsync", "CreatePartitionsAsync", "GetMetadata", "DescribeTopicsAsync", "DescribeClusterAsync", "DescribeConfigsAsync");

        /// <summary>
        /// An admin client built for one-shot set-up work: every use of it in the function creates topics or partitions,
        /// reads metadata or describes topics, cluster or configs (or disposes it), in a method that is not a message or
        /// event handler, and whose callers in the compilation are neither in a loop, nor in a request or message handler,
        /// nor a callback (a method group or lambda handed to something that may call it per event). Fetching or creating
        /// the topics when a consumer starts is not per operation. Asked only for a finding about to be reported.
        /// </summary>
        private static bool IsOneShotAdminWork(IOperation root, ILocalSymbol local, IMethodSymbol method, Compilation compilation, MessagingContext messaging)
        {
            var setUp = false;
            foreach (var op in root.AllDescendants())
            {
                if (op is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    continue;
                }

                var use = reference.WalkUpConversions();
                if (use.Parent is not IInvocationOperation call || call.Instance != use)
                {
                    return false;
                }

                if (AdminSetUpCalls.Contains(call.TargetMethod.Name))
                {
                    setUp = true;
                }
                else if (call.TargetMethod.Name is not ("Dispose" or "DisposeAsync"))
                {
                    return false;
                }
            }

            if (!setUp || messaging.Code.IsMessageHandler(method))
            {
                return false;
            }

            foreach (var caller in MethodCallers.Find(method, compilation))
            {
                if (caller is IMethodReferenceOperation group && IsLazyFactory(group))
                {
                    // new Lazy<T>(LoadTopics): runs once, on first use.
                    continue;
                }

                if (caller is not IInvocationOperation call || call.GetEnclosingLoop() is not null)
                {
                    // A method group (an event or callback subscription) may run per event; a call in a loop runs per item.
                    return false;
                }

                if (call.GetFunctionRoot() is IAnonymousFunctionOperation lambda
                    && !IsLazyFactory(lambda) && !MethodCallers.StartsOnItsOwnThread(call, messaging.Framework))
                {
                    return false;
                }

                var callerMember = call.SemanticModel?.GetEnclosingSymbol(call.Syntax.SpanStart);
                while (callerMember is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
                {
                    callerMember = callerMember.ContainingSymbol;
                }

                if (messaging.Code.IsInRequestHandler(call, callerMember) || messaging.Code.IsMessageHandler(callerMember as IMethodSymbol))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The await of a task held in a local (<c>await pending</c>, <c>await pending.ConfigureAwait(false)</c>), or null.
        /// </summary>
        private static IOperation? AwaitOf(IOperation use)
        {
            var parent = use.Parent;
            if (parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure && configure.Instance == use)
            {
                parent = configure.WalkUpConversions().Parent;
            }

            return parent is IAwaitOperation awaited ? awaited.WalkUpConversions() : null;
        }

        /// <summary>
        /// The consumer built in the loop runs a consume loop of its own inside the iteration (a restart loop around a
        /// long-lived consumer, or N consumers started in turn): it lives as long as that loop, not one message.
        /// </summary>
        private static bool ConsumesInInnerLoop(ILocalSymbol local, ILoopOperation creationLoop)
        {
            foreach (var op in creationLoop.Body.DescendantsInSameFunction())
            {
                if (op is IInvocationOperation { TargetMethod.Name: "Consume", Instance: { } instance } consume
                    && instance.SkipConversions() is ILocalReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                    && consume.GetEnclosingLoop() is { } inner && inner != creationLoop)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The client built in the loop is kept beyond its iteration and not disposed in it: added to a collection
        /// (<c>clients.Add(...)</c>, an indexer), returned or yielded, or set on an object that is itself kept so
        /// (<c>list.Add(new Connection { Multiplexer = Connect(endpoint) })</c>). A loop that builds N long-lived
        /// clients (one per endpoint, partition or topic) does not build one per operation.
        /// </summary>
        private static bool OutlivesTheIteration(IOperation value, ILocalSymbol? local, ILoopOperation loop)
        {
            if (local is null)
            {
                return IsKept(value, loop, depth: 0);
            }

            var kept = false;
            foreach (var op in loop.Body.DescendantsInSameFunction())
            {
                if (op is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    continue;
                }

                var use = reference.WalkUpConversions();
                if (use.Parent is IInvocationOperation { TargetMethod.Name: "Dispose" or "DisposeAsync" or "Close" or "CloseAsync" } call && call.Instance == use)
                {
                    return false;
                }

                kept |= IsKept(use, loop, depth: 0);
            }

            return kept && !IsDeclaredByUsingIn(local, loop);
        }

        private static bool IsKept(IOperation value, ILoopOperation loop, int depth)
        {
            var use = value.WalkUpConversions();
            switch (use.Parent)
            {
                case IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Add" or "TryAdd" or "Enqueue" or "Push" or "Insert" or "AddOrUpdate" or "GetOrAdd" } }:
                case IReturnOperation:
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: > 0 } or IArrayElementReferenceOperation or IFieldReferenceOperation } assignment
                    when assignment.Value.WalkUpConversions() == use:
                    return true;
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation or IFieldReferenceOperation, Parent: IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation holder } } member
                    when member.Value.WalkUpConversions() == use && depth < 2:
                    // Set on a holder object: kept when the holder is (directly, or through the local it is assigned to).
                    var holderLocal = holder.WalkUpConversions().GetAssignedLocal();
                    return holderLocal is null ? IsKept(holder, loop, depth + 1) : OutlivesTheIteration(holder, holderLocal, loop);
                default:
                    return false;
            }
        }

        private static bool IsDeclaredByUsingIn(ILocalSymbol local, ILoopOperation loop)
        {
            foreach (var op in loop.Body.DescendantsInSameFunction())
            {
                if (op is IUsingDeclarationOperation or IUsingOperation)
                {
                    foreach (var declared in op.DescendantsInSameFunction())
                    {
                        if (declared is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool IsInLoopWithin(IOperation operation, IOperation root)
        {
            for (var current = operation.Parent; current is not null && current != root; current = current.Parent)
            {
                if (current is ILoopOperation)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The client built in <paramref name="creationLoop"/> is used by a loop of its own: inside a lambda started from
        /// the iteration (<c>Task.Run(() =&gt; { while (...) consumer.Consume(ct); })</c>), or passed to a method (of source)
        /// that uses that parameter in a loop (<c>Task.Run(() =&gt; RunAsync(consumer, ct))</c>).
        /// </summary>
        private static bool HandsToLongRunningLoop(IOperation root, ILocalSymbol local, ILoopOperation creationLoop)
        {
            foreach (var op in root.AllDescendants())
            {
                if (op is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    continue;
                }

                // In a lambda, in a loop of that lambda.
                var lambda = EnclosingLambdaWithin(reference, creationLoop);
                if (lambda is not null && IsInLoopWithin(reference, lambda))
                {
                    return true;
                }

                if (reference.WalkUpConversions().Parent is IArgumentOperation { Parameter: { } parameter, Parent: IInvocationOperation call }
                    && UsesParameterInLoop(call.TargetMethod, parameter, reference.SemanticModel))
                {
                    return true;
                }
            }

            return false;
        }

        private static IAnonymousFunctionOperation? EnclosingLambdaWithin(IOperation operation, IOperation ancestor)
        {
            for (var current = operation.Parent; current is not null && current != ancestor; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation lambda)
                {
                    return lambda;
                }
            }

            return null;
        }

        /// <summary>The method (declared in source) reads <paramref name="parameter"/> inside a loop of its body.</summary>
        private static bool UsesParameterInLoop(IMethodSymbol method, IParameterSymbol parameter, SemanticModel? semanticModel)
        {
            if (semanticModel is null || method.DeclaringSyntaxReferences.Length != 1)
            {
                return false;
            }

            var syntax = method.DeclaringSyntaxReferences[0].GetSyntax();
#pragma warning disable RS1030 // Asked only for a client built in a loop and passed on; the compiler has built the tree.
            var model = syntax.SyntaxTree == semanticModel.SyntaxTree ? semanticModel : semanticModel.Compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
            if (model.GetOperation(syntax) is not { } body)
            {
                return false;
            }

            foreach (var op in body.AllDescendants())
            {
                if (op is IParameterReferenceOperation reference && reference.Parameter.Ordinal == parameter.Ordinal
                    && SymbolEqualityComparer.Default.Equals(reference.Parameter.ContainingSymbol.OriginalDefinition, method.OriginalDefinition)
                    && IsInLoopWithin(reference, body))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// In a field or property initializer, or in a lambda passed to <c>new Lazy&lt;T&gt;(...)</c> (or an <c>AsyncLazy</c>,
        /// <c>LazyInitializer.EnsureInitialized</c>): it runs once, when the value is first needed.
        /// </summary>
        private static bool InInitializer(IOperation created)
        {
            for (var op = created.Parent; op is not null; op = op.Parent)
            {
                switch (op)
                {
                    case IFieldInitializerOperation:
                    case IPropertyInitializerOperation:
                        return true;
                    case IAnonymousFunctionOperation lambda when IsLazyFactory(lambda):
                        return true;
                }
            }

            return false;
        }

        /// <summary>The lambda or method group is the factory of a <c>Lazy&lt;T&gt;</c> (or LazyInitializer): it runs once.</summary>
        private static bool IsLazyFactory(IOperation factory)
        {
            var parent = factory.Parent;
            while (parent is IDelegateCreationOperation or IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent switch
            {
                IArgumentOperation { Parent: IObjectCreationOperation { Type.Name: "Lazy" or "AsyncLazy" } } => true,
                IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "EnsureInitialized", ContainingType.Name: "LazyInitializer" } } } => true,
                _ => false,
            };
        }

        /// <summary>
        /// Inside a lambda passed to a DI registration (any lifetime: a short one is MSG1004's business, and
        /// <c>new ServiceDescriptor(..., factory, lifetime)</c> included), or a lambda that returns the client (a factory, Lazy).
        /// </summary>
        private static bool InRegistrationOrFactoryLambda(IOperation created)
        {
            var first = true;
            for (var op = created.Parent; op is not null; op = op.Parent)
            {
                if (op is IAnonymousFunctionOperation lambda)
                {
                    if (IsRegistrationFactory(lambda))
                    {
                        return true;
                    }

                    if (first && created.WalkUpConversions().Parent is IReturnOperation && created.GetEnclosingLoop() is null)
                    {
                        return true;
                    }

                    first = false;
                }
            }

            return false;
        }

        private static bool IsRegistrationFactory(IAnonymousFunctionOperation lambda)
        {
            var parent = lambda.Parent;
            while (parent is IDelegateCreationOperation or IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent is IArgumentOperation { Parent: { } call } && call is IInvocationOperation or IObjectCreationOperation
                && DependencyInjection.Read(call) is not null;
        }
    }
}
