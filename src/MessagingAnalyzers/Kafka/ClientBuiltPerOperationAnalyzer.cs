using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Kafka
{
    /// <summary>
    /// MSG2004: <c>Build()</c> of a producer/consumer/admin client builder inside a loop, in a request handler,
    /// in a method that disposes the client when it returns, or whose client is neither stored nor disposed.
    /// Silent in Main/top-level statements, BackgroundService.ExecuteAsync, methods that use the client in a
    /// loop of their own (they own it), factories that return it, field initializers and DI registrations.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ClientBuiltPerOperationAnalyzer : MessagingAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG2004_ClientBuiltPerOperation);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Kafka;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var kafka = messaging.Kafka!;
            context.RegisterOperationAction(
                operationContext =>
                {
                    var build = (IInvocationOperation)operationContext.Operation;
                    if (build.TargetMethod.Name != "Build" || !kafka.IsBuild(build.TargetMethod) || InRegistrationOrFactoryLambda(build))
                    {
                        return;
                    }

                    var owner = operationContext.ContainingSymbol;
                    var reason = Reason(build, owner, messaging);
                    if (reason is null)
                    {
                        return;
                    }

                    operationContext.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.MSG2004_ClientBuiltPerOperation,
                        build.Syntax.GetLocation(),
                        owner.Name,
                        ClientKind(build.Type, kafka),
                        reason));
                },
                OperationKind.Invocation);
        }

        private static string? Reason(IInvocationOperation build, ISymbol owner, MessagingContext messaging)
        {
            if (build.GetEnclosingLoop() is not null)
            {
                return "inside a loop";
            }

            if (messaging.Code.IsInRequestHandler(build, owner))
            {
                return "in a request handler, once per request";
            }

            if (CodeContext.IsEntryPoint(owner) || owner is IMethodSymbol { Name: "ExecuteAsync" or "StartAsync" } || messaging.Code.IsTestCode(owner))
            {
                return null;
            }

            var outer = build.WalkUpConversions();
            if (outer.Parent is IExpressionStatementOperation)
            {
                return "and never stores or disposes it, so its threads and connections leak";
            }

            var local = outer.GetAssignedLocal();
            if (local is null)
            {
                return null;
            }

            var root = build.GetFunctionRoot();
            var disposed = IsUsingDeclared(outer);
            foreach (var op in root.DescendantsInSameFunction())
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
                    case IInvocationOperation { TargetMethod.Name: "Dispose" or "DisposeAsync" or "Close" }:
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

        private static bool IsUsingDeclared(IOperation value)
        {
            for (var parent = value.Parent; parent is not null; parent = parent.Parent)
            {
                switch (parent)
                {
                    case IUsingDeclarationOperation:
                    case IUsingOperation:
                        return true;
                    case IVariableInitializerOperation:
                    case IVariableDeclaratorOperation:
                    case IVariableDeclarationOperation:
                    case IVariableDeclarationGroupOperation:
                        continue;
                    default:
                        return false;
                }
            }

            return false;
        }

        /// <summary>Inside a lambda passed to a DI registration (MSG1004's business) or returning the client (a factory, Lazy).</summary>
        private static bool InRegistrationOrFactoryLambda(IOperation build)
        {
            for (var op = build.Parent; op is not null; op = op.Parent)
            {
                if (op is IAnonymousFunctionOperation lambda)
                {
                    var parent = lambda.Parent;
                    while (parent is IDelegateCreationOperation or IConversionOperation)
                    {
                        parent = parent.Parent;
                    }

                    if (parent is IArgumentOperation { Parent: { } call } && DependencyInjection.Read(call) is not null)
                    {
                        return true;
                    }

                    return build.WalkUpConversions().Parent is IReturnOperation && build.GetEnclosingLoop() is null;
                }
            }

            return false;
        }

        private static string ClientKind(ITypeSymbol? type, KafkaLibrary kafka) =>
            kafka.IsProducer(type) ? "producer" : kafka.IsConsumer(type) ? "consumer" : "admin client";
    }
}
