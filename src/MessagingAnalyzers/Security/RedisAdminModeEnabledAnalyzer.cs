using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Security
{
    /// <summary>MSG4005: <c>ConfigurationOptions.AllowAdmin = true</c>, or <c>allowAdmin=true</c> in a Redis configuration string.</summary>
    public sealed class RedisAdminModeEnabledAnalyzer : MessagingAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG4005_RedisAdminModeEnabled);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Redis;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var redis = messaging.Redis!;
            Action<OperationAnalysisContext> analyze =
                c =>
                {
                    switch (c.Operation)
                    {
                        case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { Name: "AllowAdmin", ContainingType.Name: "ConfigurationOptions" } } } assignment
                            when assignment.Value.ConstantValue.Value is true:
                            c.Report(Diagnostic.Create(Descriptors.MSG4005_RedisAdminModeEnabled, assignment.Syntax.GetLocation(), "'AllowAdmin = true'"));
                            break;
                        case IInvocationOperation invocation when RedisConnectionString.Read(redis.ConnectionStringArgument(invocation)) is { } connection
                            && string.Equals(connection.Get("allowAdmin"), "true", System.StringComparison.OrdinalIgnoreCase)
                            // A server on this machine (a development box, a benchmark) is the developer's own to administer.
                            && !connection.IsLocalOnly:
                            c.Report(Diagnostic.Create(Descriptors.MSG4005_RedisAdminModeEnabled, connection.Literal.Syntax.GetLocation(), "'allowAdmin=true' in this connection string"));
                            break;
                    }
                };
            context.RegisterOperationAction(analyze, OperationKind.SimpleAssignment);
            context.RegisterInvocationAction(RedisLibrary.ConnectionStringCalls, analyze);
        }
    }
}
