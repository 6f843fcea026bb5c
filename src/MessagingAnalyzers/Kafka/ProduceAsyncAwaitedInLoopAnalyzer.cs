using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Kafka
{
    /// <summary>
    /// MSG2002: <c>await producer.ProduceAsync(...)</c> inside a loop body: one broker round trip per message.
    /// Silent when the loop waits for a person (Console.ReadLine/ReadKey), when a config of the type sets
    /// <c>MaxInFlight = 1</c> (per-message ordering on purpose), and when the loop commits or stores consumer
    /// offsets after the produce (the await is the delivery guarantee before the commit).
    /// </summary>
    public sealed class ProduceAsyncAwaitedInLoopAnalyzer : MessagingAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG2002_ProduceAsyncAwaitedInLoop);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Kafka;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var kafka = messaging.Kafka!;
            KafkaTypeModel.Register(context, kafka, (model, end) => Analyze(model, end, kafka));
        }

        private static void Analyze(KafkaTypeModel model, SymbolAnalysisContext context, KafkaLibrary kafka)
        {
            if (model.AnyConfigSets(KafkaConfigKeys.MaxInFlight, "1"))
            {
                return;
            }

            foreach (var call in model.ClientCalls)
            {
                if (!kafka.IsProduceAsync(call.TargetMethod))
                {
                    continue;
                }

                var awaited = AwaitOf(call);
                var loop = awaited?.GetEnclosingLoop();
                if (loop is null || WaitsForAPerson(loop) || CommitsAfter(loop, awaited!, kafka))
                {
                    continue;
                }

                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.MSG2002_ProduceAsyncAwaitedInLoop,
                    call.Syntax.GetLocation(),
                    call.DisplayReceiver() + ".ProduceAsync"));
            }
        }

        /// <summary>The <c>await</c> of the call (through <c>ConfigureAwait</c>), or null.</summary>
        internal static IAwaitOperation? AwaitOf(IInvocationOperation call)
        {
            var outer = call.WalkUpConversions();
            if (outer.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure && configure.Instance == outer)
            {
                outer = configure.WalkUpConversions();
            }

            return outer.Parent as IAwaitOperation;
        }

        private static bool WaitsForAPerson(ILoopOperation loop)
        {
            foreach (var op in loop.DescendantsInSameFunction())
            {
                if (op is IInvocationOperation { TargetMethod: { Name: "ReadLine" or "ReadKey" or "ReadLineAsync" or "Read", ContainingType.Name: "Console" or "TextReader" } })
                {
                    return true;
                }
            }

            return false;
        }

        private static bool CommitsAfter(ILoopOperation loop, IOperation awaited, KafkaLibrary kafka)
        {
            foreach (var op in loop.DescendantsInSameFunction())
            {
                if (op is IInvocationOperation { TargetMethod.Name: "Commit" or "StoreOffset" or "SendOffsetsToTransaction" or "CommitTransaction" } commit
                    && (kafka.IsConsumer(commit.TargetMethod.ContainingType) || kafka.IsProducer(commit.TargetMethod.ContainingType))
                    && commit.Syntax.SpanStart > awaited.Syntax.SpanStart)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
