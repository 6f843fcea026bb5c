using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Design
{
    /// <summary>
    /// MSG1003: building a consumer, or Subscribe/Assign/Consume, inside a request handler (controller action,
    /// minimal-API lambda, Razor Page handler, hub method, gRPC method, middleware). Reported once per handler,
    /// on its first consumer call.
    /// </summary>
    public sealed class KafkaConsumedInRequestPathAnalyzer : MessagingAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG1003_KafkaConsumedInRequestPath);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Kafka;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var kafka = messaging.Kafka!;
            context.RegisterInvocationAction(
                ImmutableArray.Create("Consume", "Subscribe", "Assign", "IncrementalAssign", "Build"),
                operationContext =>
                {
                    var call = (IInvocationOperation)operationContext.Operation;
                    if (!IsConsumerCall(call, kafka) || !messaging.Code.IsInRequestHandler(call, operationContext.ContainingSymbol))
                    {
                        return;
                    }

                    // Only the first consumer call of the handler body.
                    foreach (var op in call.GetMemberRoot().AllDescendants())
                    {
                        if (op is IInvocationOperation earlier && earlier.Syntax.SpanStart < call.Syntax.SpanStart && IsConsumerCall(earlier, kafka)
                            && messaging.Code.IsInRequestHandler(earlier, operationContext.ContainingSymbol))
                        {
                            return;
                        }
                    }

                    operationContext.Report(Diagnostic.Create(
                        Descriptors.MSG1003_KafkaConsumedInRequestPath,
                        call.Syntax.GetLocation(),
                        operationContext.ContainingSymbol.Name,
                        call.DisplayReceiver() + "." + call.TargetMethod.Name));
                });
        }

        private static bool IsConsumerCall(IInvocationOperation call, KafkaLibrary kafka) =>
            call.TargetMethod.Name is "Consume" or "Subscribe" or "Assign" or "IncrementalAssign" or "Build"
            && (kafka.IsConsumerRead(call.TargetMethod) || (kafka.IsBuild(call.TargetMethod) && kafka.IsConsumerBuilder(call.TargetMethod.ContainingType)));
    }
}
