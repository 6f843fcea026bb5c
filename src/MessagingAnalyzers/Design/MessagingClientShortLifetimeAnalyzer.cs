using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MessagingAnalyzers.Design
{
    /// <summary>
    /// MSG1004: a Kafka producer/consumer/admin client or a Redis multiplexer registered in DI as scoped or
    /// transient (generic, typeof, factory, keyed, TryAdd and ServiceDescriptor forms).
    /// </summary>
    public sealed class MessagingClientShortLifetimeAnalyzer : MessagingAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG1004_MessagingClientShortLifetime);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Any;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            context.RegisterOperationAction(
                operationContext =>
                {
                    var registration = DependencyInjection.Read(operationContext.Operation);
                    if (registration is null || registration.Lifetime == "Singleton" || !messaging.IsMessagingClient(registration.ServiceType))
                    {
                        return;
                    }

                    var locations = registration.LifetimeArgument is null
                        ? null
                        : new[] { registration.LifetimeArgument.Syntax.GetLocation() };
                    operationContext.Report(Diagnostic.Create(
                        Descriptors.MSG1004_MessagingClientShortLifetime,
                        registration.Operation.Syntax.GetLocation(),
                        additionalLocations: locations,
                        Display(registration.Operation),
                        registration.ServiceType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                        registration.Lifetime.ToLowerInvariant()));
                },
                OperationKind.Invocation,
                OperationKind.ObjectCreation);
        }

        private static string Display(IOperation operation) => operation switch
        {
            Microsoft.CodeAnalysis.Operations.IInvocationOperation invocation => invocation.TargetMethod.Name,
            _ => "new ServiceDescriptor",
        };
    }
}
