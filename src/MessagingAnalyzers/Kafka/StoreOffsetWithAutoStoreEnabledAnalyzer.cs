using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MessagingAnalyzers.Kafka
{
    /// <summary>
    /// MSG2008: StoreOffset on a consumer whose visible config does not set EnableAutoOffsetStore = false.
    /// Silent when the config is not visible (an injected consumer). The additional location is the config
    /// creation, for the code fix.
    /// </summary>
    public sealed class StoreOffsetWithAutoStoreEnabledAnalyzer : MessagingAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG2008_StoreOffsetWithAutoStoreEnabled);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Kafka;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var kafka = messaging.Kafka!;
            KafkaTypeModel.Register(context, kafka, (model, end) =>
                {
                    foreach (var call in model.ClientCalls)
                    {
                        if (call.TargetMethod.Name == "StoreOffset" && kafka.IsConsumer(call.TargetMethod.ContainingType)
                            && model.ConfigOfClient(call.Instance) is { } config
                            && config.Get(KafkaConfigKeys.EnableAutoOffsetStore) != "false")
                        {
                            end.Report(Diagnostic.Create(
                                Descriptors.MSG2008_StoreOffsetWithAutoStoreEnabled,
                                call.Syntax.GetLocation(),
                                additionalLocations: config.Creation is null ? null : new[] { config.Creation.Syntax.GetLocation() },
                                call.DisplayReceiver()));
                        }
                    }
                });
        }
    }
}
