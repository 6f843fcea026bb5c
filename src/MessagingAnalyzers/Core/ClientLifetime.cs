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
            if (InRegistrationOrFactoryLambda(created))
            {
                return null;
            }

            if (created.GetEnclosingLoop() is not null)
            {
                return "inside a loop";
            }

            if (messaging.Code.IsInRequestHandler(created, owner))
            {
                return "in a request handler, once per request";
            }

            if (CodeContext.IsEntryPoint(owner) || owner is IMethodSymbol { Name: "ExecuteAsync" or "StartAsync" } || messaging.Code.IsTestCode(owner))
            {
                return null;
            }

            var outer = created.WalkUpConversions();
            if (outer.Parent is IExpressionStatementOperation)
            {
                return "and never stores or disposes it, so its threads and connections leak";
            }

            var local = outer.GetAssignedLocal();
            if (local is null)
            {
                return null;
            }

            var disposed = outer.IsDeclaredByUsing();
            foreach (var op in created.GetFunctionRoot().DescendantsInSameFunction())
            {
                if (op is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    continue;
                }

                if (reference.GetEnclosingLoop() is not null)
                {
                    // A long-running loop method that owns its client.
                    return null;
                }

                switch (reference.WalkUpConversions().Parent)
                {
                    case IInvocationOperation { TargetMethod.Name: "Dispose" or "DisposeAsync" or "Close" or "CloseAsync" }:
                        disposed = true;
                        break;
                    case IReturnOperation:
                    case IArgumentOperation:
                    case ISimpleAssignmentOperation assignment when assignment.Value.WalkUpConversions() == reference.WalkUpConversions():
                    case IVariableInitializerOperation:
                        return null;
                }
            }

            return disposed
                ? "and disposes it when '" + owner.Name + "' returns"
                : "and never stores or disposes it, so its threads and connections leak";
        }


        /// <summary>Inside a lambda passed to a DI registration, or a lambda that returns the client (a factory, Lazy).</summary>
        private static bool InRegistrationOrFactoryLambda(IOperation created)
        {
            for (var op = created.Parent; op is not null; op = op.Parent)
            {
                if (op is IAnonymousFunctionOperation lambda)
                {
                    if (lambda.GetInvocationTaking() is { } call && DependencyInjection.Read(call) is not null)
                    {
                        return true;
                    }

                    return created.WalkUpConversions().Parent is IReturnOperation && created.GetEnclosingLoop() is null;
                }
            }

            return false;
        }
    }
}
