using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Kafka
{
    /// <summary>
    /// MSG2014: <c>MessageMaxBytes</c> above 1,000,000 in a config that sets no compression, and produced
    /// messages whose value is the contents of a file.
    /// </summary>
    public sealed class LargeMessageConfigAnalyzer : MessagingAnalyzer
    {
        /// <summary>Kafka's default message.max.bytes is about 1 MB.</summary>
        private const long DefaultLimit = 1_000_000;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG2014_LargeMessageConfig);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Kafka;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var kafka = messaging.Kafka!;
            KafkaTypeModel.Register(context, kafka, (model, end) => Analyze(model, end, kafka));
        }

        private static void Analyze(KafkaTypeModel model, TypeAnalysisContext context, KafkaLibrary kafka)
        {
            var views = new List<ConfigView>();
            foreach (var creation in model.ConfigCreations)
            {
                views.Add(model.ResolveCreation(creation));
            }

            foreach (var builder in model.BuilderCreations)
            {
                if (model.ConfigOfBuilder(builder) is { } view)
                {
                    views.Add(view);
                }
            }

            var reported = new HashSet<IOperation>();
            foreach (var view in views)
            {
                if (view.TryGet(KafkaConfigKeys.MessageMaxBytes, out var limit)
                    && long.TryParse(limit.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes)
                    && bytes > DefaultLimit
                    && view.Get(KafkaConfigKeys.CompressionType) is null or "none"
                    && reported.Add(limit.Operation))
                {
                    context.Report(Diagnostic.Create(
                        Descriptors.MSG2014_LargeMessageConfig,
                        limit.Operation.Syntax.GetLocation(),
                        $"'{limit.Operation.Syntax}' raises the message size limit to {bytes} bytes without compression"));
                }
            }

            foreach (var call in model.ClientCalls)
            {
                if (kafka.IsProduce(call.TargetMethod)
                    && call.GetArgument("message")?.Value.SkipConversions() is IObjectCreationOperation { Initializer: { } initializer }
                    && FileValue(initializer))
                {
                    context.Report(Diagnostic.Create(
                        Descriptors.MSG2014_LargeMessageConfig,
                        call.Syntax.GetLocation(),
                        $"'{call.DisplayReceiver()}.{call.TargetMethod.Name}' sends the contents of a file as a message"));
                }
            }
        }

        private static bool FileValue(IObjectOrCollectionInitializerOperation initializer)
        {
            foreach (var member in initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Value" } } assignment
                    && Payloads.IsFileContents(assignment.Value))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
