using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Kafka
{
    /// <summary>
    /// MSGS001: suppresses CA1849 and VSTHRD103 ("call the async method in async code") on
    /// <c>IProducer.Produce(topic, message, deliveryHandler)</c> with a delivery handler in async code: that callback
    /// form is Confluent.Kafka's recommended high-throughput API and does not block. Without a handler (or with
    /// <c>null</c>) nothing is suppressed.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ProduceWithDeliveryHandlerSuppressor : DiagnosticSuppressor
    {
        public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } =
            ImmutableArray.Create(Descriptors.MSGS001_CA1849, Descriptors.MSGS001_VSTHRD103);

        public override void ReportSuppressions(SuppressionAnalysisContext context)
        {
            KafkaLibrary? kafka = null;
            foreach (var diagnostic in context.ReportedDiagnostics)
            {
                var tree = diagnostic.Location.SourceTree;
                if (tree is null)
                {
                    continue;
                }

                kafka ??= KafkaLibrary.TryCreate(context.Compilation);
                if (kafka is null)
                {
                    return;
                }

                var node = tree.GetRoot(context.CancellationToken).FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                var invocationSyntax = node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
                if (invocationSyntax is null
                    || context.GetSemanticModel(tree).GetOperation(invocationSyntax, context.CancellationToken) is not IInvocationOperation invocation
                    || invocation.TargetMethod.Name != "Produce"
                    || !kafka.IsProduce(invocation.TargetMethod)
                    || invocation.GetArgument("deliveryHandler") is not { IsImplicit: false } handler
                    || handler.Value.SkipConversions().ConstantValue is { HasValue: true, Value: null })
                {
                    continue;
                }

                var descriptor = diagnostic.Id == "CA1849" ? Descriptors.MSGS001_CA1849 : Descriptors.MSGS001_VSTHRD103;
                context.ReportSuppression(Suppression.Create(descriptor, diagnostic));
            }
        }
    }
}
