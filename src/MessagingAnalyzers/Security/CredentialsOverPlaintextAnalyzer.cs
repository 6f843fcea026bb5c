using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Security
{
    /// <summary>
    /// MSG4003: a Kafka config with SecurityProtocol SaslPlaintext and SaslMechanism Plain (reported on the
    /// SecurityProtocol setting); a Redis configuration string with a password and <c>ssl=false</c> to a host
    /// that is not this machine (reported on the string). Localhost development connections are not reported.
    /// </summary>
    public sealed class CredentialsOverPlaintextAnalyzer : MessagingAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG4003_CredentialsOverPlaintext);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Any;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            if (messaging.Kafka is { } kafka)
            {
                KafkaTypeModel.Register(context, kafka, (model, end) =>
                    {
                        var reported = new HashSet<IOperation>();
                        foreach (var creation in model.ConfigCreations)
                        {
                            Check(model.ResolveCreation(creation), end, reported);
                        }

                        foreach (var builder in model.BuilderCreations)
                        {
                            if (model.ConfigOfBuilder(builder) is { } view)
                            {
                                Check(view, end, reported);
                            }
                        }
                    });
            }

            if (messaging.Redis is { } redis)
            {
                context.RegisterInvocationAction(
                    RedisLibrary.ConnectionStringCalls,
                    c =>
                    {
                        var invocation = (IInvocationOperation)c.Operation;
                        if (RedisConnectionString.Read(redis.ConnectionStringArgument(invocation)) is { } connection
                            && connection.Get("password") is { Length: > 0 }
                            && string.Equals(connection.Get("ssl"), "false", System.StringComparison.OrdinalIgnoreCase)
                            && !connection.IsLocalOnly)
                        {
                            c.Report(Diagnostic.Create(
                                Descriptors.MSG4003_CredentialsOverPlaintext, connection.Literal.Syntax.GetLocation(),
                                "This Redis connection string sends a password with ssl=false to " + string.Join(", ", connection.Endpoints)));
                        }
                    });
            }
        }

        private static void Check(ConfigView view, TypeAnalysisContext context, HashSet<IOperation> reported)
        {
            if (view.TryGet("security.protocol", out var protocol)
                && Normalize(protocol.Value) == "saslplaintext"
                && Normalize(view.Get("sasl.mechanism")) == "plain"
                && reported.Add(protocol.Operation))
            {
                context.Report(Diagnostic.Create(
                    Descriptors.MSG4003_CredentialsOverPlaintext, protocol.Operation.Syntax.GetLocation(),
                    "SASL/PLAIN over SecurityProtocol.SaslPlaintext sends the username and password unencrypted"));
            }
        }

        private static string? Normalize(string? value) => value?.Replace("_", string.Empty).Replace("-", string.Empty);
    }
}
