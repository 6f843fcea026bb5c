using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Kafka
{
    /// <summary>
    /// MSG2009: <c>acks</c> 0/1, <c>enable.idempotence = false</c>, delivery reports off with ProduceAsync, in
    /// typed properties, <c>Set(...)</c> and dictionaries passed to a ProducerBuilder; with the
    /// <c>require_idempotence</c> option, producer configs that never enable idempotence.
    /// </summary>
    public sealed class WeakProducerDurabilityAnalyzer : MessagingAnalyzer
    {
        public const string RequireIdempotenceOption = "require_idempotence";

        /// <summary>Diagnostic property: the value the code fix writes (<c>Acks.All</c> or <c>true</c>).</summary>
        internal const string FixProperty = "Fix";
        internal const string FixAcksAll = "AcksAll";
        internal const string FixTrue = "True";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG2009_WeakProducerDurability);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Kafka;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var kafka = messaging.Kafka!;
            KafkaTypeModel.Register(context, kafka, (model, end) => Analyze(model, end, kafka));
        }

        private static void Analyze(KafkaTypeModel model, TypeAnalysisContext context, KafkaLibrary kafka)
        {
            // Most types configure no Kafka client.
            if (model.ConfigCreations.IsEmpty && model.BuilderCreations.IsEmpty && model.AllSettings().IsEmpty)
            {
                return;
            }

            var reported = new HashSet<IOperation>();
            var usesProduceAsync = model.Calls("ProduceAsync");

            // Typed configs: a weak setting on any Kafka config is about the producer (acks, idempotence).
            foreach (var setting in model.AllSettings())
            {
                if (setting.Operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: 0 } } || IsConfigSetCall(setting, kafka))
                {
                    Check(setting, context, reported, usesProduceAsync);
                }
            }

            // Dictionaries (and anything else) count where they visibly reach a ProducerBuilder.
            var producerConfigs = new List<ConfigView>();
            foreach (var builder in model.BuilderCreations)
            {
                var config = kafka.IsProducerBuilder(builder.Type) ? model.ConfigOfBuilder(builder) : null;
                if (config is null)
                {
                    continue;
                }

                producerConfigs.Add(config);
                foreach (var setting in config.Settings)
                {
                    Check(setting, context, reported, usesProduceAsync);
                }
            }

            foreach (var creation in model.ConfigCreations)
            {
                if (SymbolEqualityComparer.Default.Equals(creation.Type, kafka.ProducerConfig))
                {
                    producerConfigs.Add(model.ResolveCreation(creation));
                }
            }

            // The option is read only where there is a producer config to hold to it.
            if (producerConfigs.Count == 0 || !IsRequireIdempotence(context))
            {
                return;
            }

            foreach (var config in producerConfigs)
            {
                if (config.Creation is { } creation && config.Get(KafkaConfigKeys.EnableIdempotence) is null && reported.Add(creation))
                {
                    context.Report(Diagnostic.Create(
                        Descriptors.MSG2009_WeakProducerDurability,
                        creation.Syntax.GetLocation(),
                        Display(creation),
                        "it never sets EnableIdempotence = true, so retries can write a message twice or out of order (require_idempotence is on)"));
                }
            }
        }

        private static bool IsConfigSetCall(ConfigSetting setting, KafkaLibrary kafka) =>
            setting.Operation is IInvocationOperation { TargetMethod.Name: "Set" or "SetObject" } call && kafka.IsConfig(call.TargetMethod.ContainingType);

        private static void Check(ConfigSetting setting, TypeAnalysisContext context, HashSet<IOperation> reported, bool usesProduceAsync)
        {
            string? consequence = null;
            string? fix = null;
            switch (setting.Key)
            {
                case KafkaConfigKeys.Acks when setting.Value == "0":
                    consequence = "the producer does not wait for any acknowledgement, so messages are lost silently on any broker or network failure; use Acks.All";
                    fix = FixAcksAll;
                    break;
                case KafkaConfigKeys.Acks when setting.Value == "1":
                    consequence = "only the partition leader acknowledges, so a leader failure loses acknowledged messages; use Acks.All";
                    fix = FixAcksAll;
                    break;
                case KafkaConfigKeys.EnableIdempotence when setting.Value == "false":
                    consequence = "retries can write a message twice or out of order; set EnableIdempotence = true";
                    fix = FixTrue;
                    break;
                case KafkaConfigKeys.EnableDeliveryReports when setting.Value == "false" && usesProduceAsync:
                    consequence = "ProduceAsync can no longer tell whether a message was delivered; keep delivery reports on";
                    fix = FixTrue;
                    break;
            }

            if (consequence is null || !reported.Add(setting.Operation))
            {
                return;
            }

            context.Report(Diagnostic.Create(
                Descriptors.MSG2009_WeakProducerDurability,
                setting.Operation.Syntax.GetLocation(),
                additionalLocations: new[] { setting.ValueOperation.Syntax.GetLocation() },
                properties: ImmutableDictionary<string, string?>.Empty.Add(FixProperty, fix),
                Display(setting.Operation),
                consequence));
        }

        private static bool IsRequireIdempotence(TypeAnalysisContext context)
        {
            foreach (var reference in context.Symbol.DeclaringSyntaxReferences)
            {
                var value = RuleOptions.GetString(context.Options, reference.SyntaxTree, DiagnosticIds.WeakProducerDurability, RequireIdempotenceOption);
                return string.Equals(value?.Trim(), "true", System.StringComparison.OrdinalIgnoreCase);
            }

            return false;
        }

        private static string Display(IOperation operation)
        {
            var text = operation.Syntax.ToString();
            return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
        }
    }
}
