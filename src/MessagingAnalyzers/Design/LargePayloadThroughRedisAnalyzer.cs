using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Design
{
    /// <summary>
    /// MSG1006: a Redis Publish/StringSet/HashSet/list push/StreamAdd whose value is the contents of a file, or a
    /// constant larger than <c>max_bytes</c> (default 100000).
    /// </summary>
    public sealed class LargePayloadThroughRedisAnalyzer : MessagingAnalyzer
    {
        private static readonly ImmutableArray<string> PayloadWrites = ImmutableArray.Create("StringSet", "HashSet", "ListLeftPush", "ListRightPush", "StreamAdd", "Publish", "SetAdd");

        public const string MaxBytesOption = "max_bytes";
        private const int DefaultMaxBytes = 100_000;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG1006_LargePayloadThroughRedis);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Redis;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var redis = messaging.Redis!;
            context.RegisterInvocationAction(
                InvocationActions.WithAsync(PayloadWrites),
                operationContext =>
                {
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    if (!(redis.IsDatabaseCommand(invocation.TargetMethod, PayloadWrites)
                          || redis.IsPublish(invocation.TargetMethod)))
                    {
                        return;
                    }

                    if (IsFileStore(operationContext.ContainingSymbol.ContainingType))
                    {
                        return;
                    }

                    for (var i = 1; i < invocation.Arguments.Length; i++)
                    {
                        var value = invocation.Arguments[i].Value;
                        string? what = null;
                        if (Payloads.IsFileContents(value))
                        {
                            what = "the contents of a file";
                        }
                        else if (value.SkipConversions().ConstantValue.Value is string text
                            && MaxBytes(operationContext.Options, invocation.Syntax.SyntaxTree) is var max
                            && text.Length > max)
                        {
                            what = $"a {text.Length}-character constant (more than max_bytes = {max})";
                        }

                        if (what is not null)
                        {
                            operationContext.Report(Diagnostic.Create(
                                Descriptors.MSG1006_LargePayloadThroughRedis, invocation.Syntax.GetLocation(), invocation.DisplayReceiver() + "." + invocation.TargetMethod.Name, what));
                            return;
                        }
                    }
                });
        }

        /// <summary>
        /// A type whose purpose is to keep files in Redis (its name or an interface it implements says FileStorage,
        /// FileStore, BlobStorage or BlobStore): storing files there is the design it chose, not a payload that slipped in.
        /// </summary>
        private static bool IsFileStore(INamedTypeSymbol? type)
        {
            if (type is null)
            {
                return false;
            }

            if (NamesFileStore(type.Name))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (NamesFileStore(implemented.Name))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool NamesFileStore(string name) =>
            name.IndexOf("FileStor", System.StringComparison.OrdinalIgnoreCase) >= 0
            || name.IndexOf("BlobStor", System.StringComparison.OrdinalIgnoreCase) >= 0;

        private static int MaxBytes(AnalyzerOptions options, SyntaxTree tree) =>
            int.TryParse(RuleOptions.GetString(options, tree, DiagnosticIds.LargePayloadThroughRedis, MaxBytesOption), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : DefaultMaxBytes;
    }
}
