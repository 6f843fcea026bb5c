using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Security
{
    /// <summary>
    /// MSG4002: <c>EnableSslCertificateVerification = false</c>, <c>SslEndpointIdentificationAlgorithm = None</c>
    /// (typed, <c>Set</c>, dictionaries), and a Redis <c>CertificateValidation</c> callback (lambda or method group)
    /// that always returns true.
    /// </summary>
    public sealed class CertificateValidationDisabledAnalyzer : MessagingAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG4002_CertificateValidationDisabled);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Any;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            if (messaging.Kafka is { } kafka)
            {
                KafkaTypeModel.Register(context, kafka, (model, end) =>
                    {
                        foreach (var setting in model.AllSettings())
                        {
                            if ((setting.Key == "enable.ssl.certificate.verification" && setting.Value == "false")
                                || (setting.Key == "ssl.endpoint.identification.algorithm" && setting.Value == "none"))
                            {
                                end.Report(Diagnostic.Create(Descriptors.MSG4002_CertificateValidationDisabled, setting.Operation.Syntax.GetLocation(), $"'{setting.Operation.Syntax}'"));
                            }
                        }
                    });
            }

            if (messaging.Redis is not null)
            {
                context.RegisterOperationAction(
                    c =>
                    {
                        var assignment = (IEventAssignmentOperation)c.Operation;
                        if (assignment.Adds
                            && assignment.EventReference is IEventReferenceOperation { Event: { Name: "CertificateValidation", ContainingType.Name: "ConfigurationOptions" } }
                            && AlwaysTrue(assignment.HandlerValue))
                        {
                            c.Report(Diagnostic.Create(Descriptors.MSG4002_CertificateValidationDisabled, assignment.Syntax.GetLocation(), "This CertificateValidation callback always returns true and"));
                        }
                    },
                    OperationKind.EventAssignment);
            }
        }

        /// <summary>A lambda or method whose every return is the constant true.</summary>
        private static bool AlwaysTrue(IOperation handler)
        {
            handler = handler.SkipConversions();
            if (handler is IDelegateCreationOperation creation)
            {
                handler = creation.Target;
            }

            IBlockOperation? body = handler switch
            {
                IAnonymousFunctionOperation lambda => lambda.Body,
                IMethodReferenceOperation method => MethodBody(method.Method, handler),
                _ => null,
            };
            if (body is null)
            {
                return false;
            }

            var returns = 0;
            foreach (var op in body.AllDescendants())
            {
                if (op is IReturnOperation ret)
                {
                    if (ret.ReturnedValue?.ConstantValue.Value is not true)
                    {
                        return false;
                    }

                    returns++;
                }
            }

            return returns > 0;
        }

        private static IBlockOperation? MethodBody(IMethodSymbol method, IOperation context)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree == context.Syntax.SyntaxTree && context.SemanticModel?.GetOperation(reference.GetSyntax()) is IMethodBodyOperation body)
                {
                    return body.BlockBody ?? body.ExpressionBody;
                }
            }

            return null;
        }
    }
}
