using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Kafka
{
    /// <summary>
    /// MSG2006: a consumer that subscribed, assigned or consumed is disposed (using, Dispose) with no Close():
    /// for a local, Close in the same function; for a field, Close anywhere in the type.
    /// </summary>
    public sealed class ConsumerDisposedWithoutCloseAnalyzer : MessagingAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG2006_ConsumerDisposedWithoutClose);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Kafka;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var kafka = messaging.Kafka!;
            KafkaTypeModel.Register(context, kafka, (model, end) =>
                {
                    foreach (var disposal in model.Disposals)
                    {
                        var consumer = KafkaTypeModel.DisposedSymbol(disposal);
                        if (consumer is null || !kafka.IsConsumer(Symbols.TypeOf(consumer)))
                        {
                            continue;
                        }

                        var scope = consumer is ILocalSymbol ? disposal.GetFunctionRoot() : null;
                        bool used = false, closed = false;
                        foreach (var call in model.ClientCalls)
                        {
                            if (!SymbolEqualityComparer.Default.Equals(KafkaTypeModel.ReferencedSymbol(call.Instance), consumer)
                                || (scope is not null && call.GetFunctionRoot() != scope && !call.IsWithin(scope)))
                            {
                                continue;
                            }

                            used |= call.TargetMethod.Name is "Subscribe" or "Assign" or "IncrementalAssign" or "Consume";
                            closed |= call.TargetMethod.Name == "Close";
                        }

                        // A test's consumer leaves its own throwaway group.
                        if (used && !closed && !messaging.Code.IsTestCode(disposal))
                        {
                            var location = disposal.Syntax is VariableDeclaratorSyntax declarator ? declarator.Identifier.GetLocation() : disposal.Syntax.GetLocation();
                            end.Report(Diagnostic.Create(Descriptors.MSG2006_ConsumerDisposedWithoutClose, location, consumer.Name));
                        }
                    }
                });
        }
    }
}
