using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Kafka
{
    /// <summary>
    /// MSG2015: Subscribe on a consumer whose visible config sets no group.id, or sets it to null or "". Silent when the
    /// config is not visible, or may carry group.id from elsewhere (bound from configuration, copied from a dictionary
    /// or another config), or is a dictionary or key/value list (or has Set calls) with keys known only at run time.
    /// String keys of dictionaries and key/value lists are read (<c>new("group.id", ...)</c>).
    /// </summary>
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
                        if (call.TargetMethod.Name != "Subscribe" || !kafka.IsConsumer(call.TargetMethod.ContainingType)
                            || model.ConfigOfClient(call.Instance) is not { } config)
                        {
                            continue;
                        }

                        string problem;
                        if (config.TryGet(KafkaConfigKeys.GroupId, out var groupId))
                        {
                            // Set, unless visibly to nothing (after a bind or a copy, that removes what they brought).
                            var value = groupId.ValueOperation.SkipConversions();
                            if (!value.ConstantValue.HasValue || value.ConstantValue.Value is not (null or ""))
                            {
                                continue;
                            }

                            problem = value.ConstantValue.Value is null ? "sets GroupId to null" : "sets GroupId to an empty string";
                        }
                        else if (config.IsOpen)
                        {
                            // Bound from configuration or copied from a dictionary or another config: may carry group.id.
                            continue;
                        }
                        else
                        {
                            problem = "sets no GroupId";
                        }

                        end.Report(Diagnostic.Create(Descriptors.MSG2015_SubscribeWithoutGroupId, call.Syntax.GetLocation(), call.DisplayReceiver(), problem));
                    }
                });
        }
    }
}
