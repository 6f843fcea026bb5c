using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Kafka
{
    /// <summary>
    /// MSG2004: <c>Build()</c> of a producer/consumer/admin client builder inside a loop, in a request handler,
    /// in a method that disposes the client when it returns, or whose client is neither stored nor disposed.
    /// Silent in start-up code (Main/top-level statements, hosted services' StartAsync/ExecuteAsync, initialisation
    /// methods: anything that runs once per process), methods that use the client in a loop of their own (also inside
    /// Task.Run), loops that hand each client to a loop of its own, factories that return it, Lazy&lt;T&gt; and field
    /// initializers and DI registrations, and one-shot admin clients that create topics or read metadata outside request
    /// handlers, message handlers and loops. The message names the client kind and only its own costs.
    /// </summary>
    public sealed class ClientBuiltPerOperationAnalyzer : MessagingAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG2004_ClientBuiltPerOperation);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Kafka;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var kafka = messaging.Kafka!;
            context.RegisterInvocationAction(
                ImmutableArray.Create("Build"),
                operationContext =>
                {
                    var build = (IInvocationOperation)operationContext.Operation;
                    if (build.TargetMethod.Name != "Build" || !kafka.IsBuild(build.TargetMethod))
                    {
                        return;
                    }

                    var owner = operationContext.ContainingSymbol;
                    var reason = ClientLifetime.PerOperationReason(build, owner, messaging);
                    if (reason is null)
                    {
                        return;
                    }

                    var kind = ClientKind(build.Type, kafka);
                    operationContext.Report(Diagnostic.Create(
                        Descriptors.MSG2004_ClientBuiltPerOperation,
                        build.Syntax.GetLocation(),
                        owner.Name,
                        kind,
                        reason,
                        Cost(kind, build, kafka)));
                });
        }

        private static string ClientKind(ITypeSymbol? type, KafkaLibrary kafka) =>
            kafka.IsProducer(type) ? "producer" : kafka.IsConsumer(type) ? "consumer" : "admin client";

        /// <summary>What building this kind of client costs: only a consumer that subscribes joins (and rebalances) a group.</summary>
        private static string Cost(string kind, IInvocationOperation build, KafkaLibrary kafka) => kind switch
        {
            "producer" => "each producer opens its own broker connections, fetches metadata and starts its own threads",
            "consumer" when Subscribes(build, kafka) => "each consumer opens its own broker connections and threads, and joins its group again, which makes the group rebalance",
            "consumer" => "each consumer opens its own broker connections and threads",
            _ => "each admin client opens its own broker connections and threads",
        };

        /// <summary>The function that builds the consumer subscribes a consumer (only then does it join a group).</summary>
        private static bool Subscribes(IInvocationOperation build, KafkaLibrary kafka)
        {
            foreach (var op in build.GetFunctionRoot().AllDescendants())
            {
                if (op is IInvocationOperation { TargetMethod.Name: "Subscribe" } subscribe && kafka.IsConsumer(subscribe.TargetMethod.ContainingType))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
