using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Security
{
    /// <summary>
    /// MSG4001: a non-empty string constant as a Kafka SASL/SSL/OAuth secret (typed properties of any config,
    /// <c>Set("sasl.password", ...)</c>, dictionaries), as <c>ConfigurationOptions.Password</c>, or as the
    /// <c>password=</c> of a Redis configuration string. Reported on the literal.
    /// </summary>
    public sealed class HardcodedMessagingCredentialAnalyzer : MessagingAnalyzer
    {
        private static readonly ImmutableHashSet<string> KafkaSecrets = ImmutableHashSet.Create(
            "sasl.password", "ssl.key.password", "ssl.keystore.password", "sasl.oauthbearer.client.secret",
            "sasl.oauthbearer.assertion.private.key.passphrase", "ssl.truststore.password");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG4001_HardcodedMessagingCredential);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Any;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            if (IsSampleProject(context.Compilation.AssemblyName))
            {
                // A sample or demo project points at a throwaway local broker or container with a placeholder password:
                // it is never deployed, and nobody moves a sample's password to a secret store.
                return;
            }

            if (messaging.Kafka is { } kafka)
            {
                KafkaTypeModel.Register(context, kafka, (model, end) =>
                    {
                        foreach (var setting in model.AllSettings())
                        {
                            if (KafkaSecrets.Contains(setting.Key) && IsHardcoded(setting.ValueOperation))
                            {
                                end.Report(Diagnostic.Create(Descriptors.MSG4001_HardcodedMessagingCredential, setting.ValueOperation.Syntax.GetLocation(), $"The value of '{setting.Key}'"));
                            }
                        }
                    });
            }

            if (messaging.Redis is { } redis)
            {
                Action<OperationAnalysisContext> analyze =
                    c =>
                    {
                        switch (c.Operation)
                        {
                            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { Name: "Password", ContainingType.Name: "ConfigurationOptions" } } } assignment
                                when IsHardcoded(assignment.Value):
                                c.Report(Diagnostic.Create(Descriptors.MSG4001_HardcodedMessagingCredential, assignment.Value.Syntax.GetLocation(), "The Redis password"));
                                break;
                            case IInvocationOperation invocation when RedisConnectionString.Read(redis.ConnectionStringArgument(invocation)) is { } connection
                                && connection.Get("password") is { Length: > 0 } password && !IsPlaceholder(password):
                                c.Report(Diagnostic.Create(Descriptors.MSG4001_HardcodedMessagingCredential, connection.Literal.Syntax.GetLocation(), "The password in this Redis connection string"));
                                break;
                        }
                    };
                context.RegisterOperationAction(analyze, OperationKind.SimpleAssignment);
                context.RegisterInvocationAction(RedisLibrary.ConnectionStringCalls, analyze);
            }
        }

        /// <summary>A non-empty string constant (literal, const, or constant interpolation) that is not a placeholder.</summary>
        /// <summary>An assembly named as a sample or demo: Samples.Orders, Orders.Sample, KafkaDemo, Redis.Examples.</summary>
        private static bool IsSampleProject(string? assemblyName)
        {
            if (assemblyName is null)
            {
                return false;
            }

            foreach (var part in assemblyName.Split('.'))
            {
                foreach (var word in SampleWords)
                {
                    if ((part.StartsWith(word, StringComparison.OrdinalIgnoreCase) && part.Length <= word.Length + 1)
                        || part.EndsWith(word, StringComparison.Ordinal) || part.EndsWith(word + "s", StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static readonly ImmutableArray<string> SampleWords = ImmutableArray.Create("Sample", "Demo", "Example");

        private static bool IsHardcoded(IOperation value) =>
            value.SkipConversions().ConstantValue.Value is string { Length: > 0 } text && !IsPlaceholder(text);

        /// <summary>
        /// A value that stands for a secret instead of being one: a token that a template, a release pipeline or the
        /// configuration system replaces (<c>&lt;password&gt;</c>, <c>${KAFKA_PASSWORD}</c>, <c>$(Password)</c>,
        /// <c>#{Password}#</c>, <c>{{password}}</c>, <c>{password}</c>, <c>%KAFKA_PASSWORD%</c>,
        /// <c>__KafkaPassword__</c>), or a mask (<c>********</c>, <c>xxxx</c>).
        /// </summary>
        private static bool IsPlaceholder(string value)
        {
            var text = value.Trim();
            if (text.Length < 3)
            {
                return false;
            }

            return Wrapped(text, "<", ">", '>', spaces: true) || Wrapped(text, "${", "}", '}') || Wrapped(text, "$(", ")", ')')
                || Wrapped(text, "#{", "}#", '}') || Wrapped(text, "{{", "}}", '}') || Wrapped(text, "{", "}", '}') || Wrapped(text, "%", "%", '%')
                || Wrapped(text, "__", "__", '\0') || IsMask(text);
        }

        /// <summary>
        /// <paramref name="text"/> is one token between <paramref name="open"/> and <paramref name="close"/>: not empty, without
        /// <paramref name="closing"/> inside, and without white space unless <paramref name="spaces"/> (<c>&lt;your password&gt;</c>).
        /// </summary>
        private static bool Wrapped(string text, string open, string close, char closing, bool spaces = false)
        {
            if (text.Length <= open.Length + close.Length
                || !text.StartsWith(open, StringComparison.Ordinal)
                || !text.EndsWith(close, StringComparison.Ordinal))
            {
                return false;
            }

            for (var i = open.Length; i < text.Length - close.Length; i++)
            {
                if (text[i] == closing || (!spaces && char.IsWhiteSpace(text[i])))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>One character repeated: <c>********</c>, <c>xxxx</c>.</summary>
        private static bool IsMask(string text)
        {
            var first = text[0];
            if (first is not ('*' or 'x' or 'X'))
            {
                return false;
            }

            foreach (var c in text)
            {
                if (c != first)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
