using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MessagingAnalyzers.Kafka
{
    /// <summary>MSG2015: Subscribe on a consumer whose visible config sets no group.id. Silent when the config is not visible.</summary>
    public sealed class SubscribeWithoutGroupIdAnalyzer : MessagingAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG2015_SubscribeWithoutGroupId);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Kafka;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var kafka = messaging.Kafka!;
            KafkaTypeModel.Register(context, kafka, (model, end) =>
                {
                    foreach (var call in model.ClientCalls)
                    {
                        if (call.TargetMethod.Name == "Subscribe" && kafka.IsConsumer(call.TargetMethod.ContainingType)
                            && model.ConfigOfClient(call.Instance) is { } config
                            && !config.TryGet(KafkaConfigKeys.GroupId, out _))
                        {
                            end.Report(Diagnostic.Create(Descriptors.MSG2015_SubscribeWithoutGroupId, call.Syntax.GetLocation(), call.DisplayReceiver()));
                        }
                    }
                });
        }
    }
}
