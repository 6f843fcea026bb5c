using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Kafka
{
    /// <summary>
    /// MSG2010: <c>Produce</c> without a delivery handler (or with <c>null</c>), and a <c>ProduceAsync</c> task
    /// that is thrown away (a statement, <c>_ =</c>, a local never read). Silent in types whose config
    /// turns delivery reports off (MSG2009 reports that), and for a transactional producer (the commit decides
    /// delivery: CommitTransaction fails when a message was not delivered).
    /// </summary>
    public sealed class DeliveryResultUnobservedAnalyzer : MessagingAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG2010_DeliveryResultUnobserved);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Kafka;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var kafka = messaging.Kafka!;
            KafkaTypeModel.Register(context, kafka, (model, end) => Analyze(model, end, kafka));
        }

        private static void Analyze(KafkaTypeModel model, TypeAnalysisContext context, KafkaLibrary kafka)
        {
            if (model.AnyConfigSets(KafkaConfigKeys.EnableDeliveryReports, "false"))
            {
                return;
            }

            foreach (var call in model.ClientCalls)
            {
                var method = call.TargetMethod;
                if (!kafka.IsProduce(method)
                    || (KafkaTypeModel.ReferencedSymbol(call.Instance) is { } producer && model.IsTransactional(producer)))
                {
                    continue;
                }

                string? problem = null;
                string? advice = null;
                if (method.Name == "Produce")
                {
                    var handler = call.GetArgument("deliveryHandler");
                    if (handler is null || handler.IsImplicit)
                    {
                        problem = $"'{call.DisplayReceiver()}.Produce' has no delivery handler";
                    }
                    else if (handler.Value.SkipConversions() is { ConstantValue: { HasValue: true, Value: null } })
                    {
                        problem = $"'{call.DisplayReceiver()}.Produce' passes a null delivery handler";
                    }

                    advice = "Pass a delivery handler that checks report.Error";
                }
                else if (IsTaskThrownAway(call))
                {
                    problem = $"The task of '{call.DisplayReceiver()}.ProduceAsync' is thrown away";
                    advice = "Await it (or keep it and await it later), or use Produce with a delivery handler";
                }

                if (problem is not null)
                {
                    context.Report(Diagnostic.Create(Descriptors.MSG2010_DeliveryResultUnobserved, call.Syntax.GetLocation(), problem, advice));
                }
            }
        }

        /// <summary>Not awaited, and not kept: a statement, <c>_ = ...</c>, or a local that is never read.</summary>
        private static bool IsTaskThrownAway(IInvocationOperation call)
        {
            var outer = call.WalkUpConversions();
            switch (outer.Parent)
            {
                case IExpressionStatementOperation:
                case ISimpleAssignmentOperation { Target: IDiscardOperation }:
                    return true;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    foreach (var op in outer.GetFunctionRoot().DescendantsInSameFunction())
                    {
                        if (op is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, declarator.Symbol))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return false;
            }
        }
    }
}
