using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Kafka
{
    /// <summary>
    /// MSG2016: a subscribing consumer whose group.id is made from a Guid or the time, while offsets are
    /// committed (auto commit left on, or Commit/StoreOffset calls). Silent for EnableAutoCommit = false
    /// broadcast readers that never commit.
    /// </summary>
    public sealed class EphemeralConsumerGroupAnalyzer : MessagingAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG2016_EphemeralConsumerGroup);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Kafka;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var kafka = messaging.Kafka!;
            KafkaTypeModel.Register(context, kafka, (model, end) =>
                {
                    var reported = new HashSet<IOperation>();
                    foreach (var subscribe in model.ClientCalls)
                    {
                        if (subscribe.TargetMethod.Name != "Subscribe" || !kafka.IsConsumer(subscribe.TargetMethod.ContainingType)
                            || model.ConfigOfClient(subscribe.Instance) is not { } config
                            || !config.TryGet(KafkaConfigKeys.GroupId, out var groupId)
                            || !IsPerRun(groupId.ValueOperation, 0)
                            // A topic made afresh for this run too (a smoke test): a stable group would have nothing to resume.
                            || (subscribe.Arguments.Length > 0 && IsPerRun(subscribe.Arguments[0].Value, 0)))
                        {
                            continue;
                        }

                        var commits = config.Get(KafkaConfigKeys.EnableAutoCommit) != "false"
                            || HasAny(model.CallsOnSameClient(subscribe, "Commit"))
                            || HasAny(model.CallsOnSameClient(subscribe, "StoreOffset"));
                        if (commits && reported.Add(groupId.Operation))
                        {
                            end.Report(Diagnostic.Create(Descriptors.MSG2016_EphemeralConsumerGroup, groupId.Operation.Syntax.GetLocation(), groupId.Operation.Syntax.ToString()));
                        }
                    }
                });
        }

        private static bool HasAny(IEnumerable<IInvocationOperation> calls)
        {
            foreach (var unused in calls)
            {
                return true;
            }

            return false;
        }

        /// <summary>The value changes on every run: Guid.NewGuid(), DateTime.Now/UtcNow, ticks, Environment.TickCount, random numbers.</summary>
        private static bool IsPerRun(IOperation value, int depth)
        {
            if (depth > 2)
            {
                return false;
            }

            foreach (var op in value.AllDescendantsAndSelf())
            {
                switch (op)
                {
                    case IInvocationOperation { TargetMethod: { Name: "NewGuid", ContainingType.Name: "Guid" } }:
                    case IInvocationOperation { TargetMethod: { Name: "Next" or "NextInt64", ContainingType.Name: "Random" } }:
                    case IPropertyReferenceOperation { Property: { Name: "Now" or "UtcNow", ContainingType.Name: "DateTime" or "DateTimeOffset" } }:
                    case IPropertyReferenceOperation { Property: { Name: "TickCount" or "TickCount64", ContainingType.Name: "Environment" } }:
                        return true;
                    case ILocalReferenceOperation local when Operations.GetLocalInitializer(local.GetFunctionRoot(), local.Local) is { } initializer:
                        if (IsPerRun(initializer, depth + 1))
                        {
                            return true;
                        }

                        break;
                }
            }

            return false;
        }
    }
}
