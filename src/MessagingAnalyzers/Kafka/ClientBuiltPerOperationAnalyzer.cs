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
    public sealed class ClientBuiltPerOperationAnalyzer : MessagingAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG2004_ClientBuiltPerOperation);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Kafka;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var kafka = messaging.Kafka!;
            context.RegisterInvocationAction(
                ImmutableArray.Create("Build"),
                operationContext =>
                {
                    var build = (IInvocationOperation)operationContext.Operation;
                    if (build.TargetMethod.Name != "Build" || !kafka.IsBuild(build.TargetMethod))
                    {
                        return;
                    }

                    var owner = operationContext.ContainingSymbol;
                    var reason = ClientLifetime.PerOperationReason(build, owner, messaging);
                    if (reason is null)
                    {
                        return;
                    }

                    operationContext.Report(Diagnostic.Create(
                        Descriptors.MSG2004_ClientBuiltPerOperation,
                        build.Syntax.GetLocation(),
                        owner.Name,
                        ClientKind(build.Type, kafka),
                        reason));
                });
        }

        private static string ClientKind(ITypeSymbol? type, KafkaLibrary kafka) =>
            kafka.IsProducer(type) ? "producer" : kafka.IsConsumer(type) ? "consumer" : "admin client";
    }
}
