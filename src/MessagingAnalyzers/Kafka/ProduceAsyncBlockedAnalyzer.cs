using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Kafka
{
    /// <summary>
    /// MSG2001: a ProduceAsync task that is waited for synchronously (.Result, .Wait(),
    /// .GetAwaiter().GetResult(), Task.WaitAll, Task.Run(...).Result).
    /// </summary>
    public sealed class ProduceAsyncBlockedAnalyzer : MessagingAnalyzer
    {
        /// <summary>Property naming the blocking kind, read by the code fix.</summary>
        internal const string KindProperty = "Kind";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG2001_ProduceAsyncBlocked);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Kafka;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var kafka = messaging.Kafka!;
            var framework = messaging.Framework;
            context.RegisterInvocationAction(
                ImmutableArray.Create("ProduceAsync"),
                operationContext =>
                {
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    if (invocation.TargetMethod.Name != "ProduceAsync" || !kafka.IsProduceAsync(invocation.TargetMethod))
                    {
                        return;
                    }

                    var use = TaskBlocking.Find(invocation, framework);
                    if (use is null)
                    {
                        return;
                    }

                    operationContext.Report(Diagnostic.Create(
                        Descriptors.MSG2001_ProduceAsyncBlocked,
                        invocation.Syntax.GetLocation(),
                        additionalLocations: new[] { use.Operation.Syntax.GetLocation() },
                        properties: ImmutableDictionary<string, string?>.Empty.Add(KindProperty, use.Kind.ToString()),
                        use.Display,
                        invocation.DisplayReceiver() + ".ProduceAsync"));
                });
        }
    }
}
