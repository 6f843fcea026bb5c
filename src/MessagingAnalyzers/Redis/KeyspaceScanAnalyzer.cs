using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Redis
{
    /// <summary>
    /// MSG3010: <c>Execute("KEYS", ...)</c> anywhere; <c>IServer.Keys/KeysAsync</c> in a request handler or a loop
    /// (deleting by prefix). Maintenance code (option <c>maintenance_patterns</c>, matched against the type and
    /// method names) is not reported.
    /// </summary>
    public sealed class KeyspaceScanAnalyzer : MessagingAnalyzer
    {
        public const string MaintenancePatternsOption = "maintenance_patterns";

        internal static readonly ImmutableArray<string> DefaultMaintenancePatterns = ImmutableArray.Create("Maintenance", "Migration", "Admin", "Tool", "Cli");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG3010_KeyspaceScan);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Redis;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var redis = messaging.Redis!;
            context.RegisterInvocationAction(
                ImmutableArray.Create("Execute", "ExecuteAsync", "Keys", "KeysAsync"),
                operationContext =>
                {
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    string? problem = null;
                    if (RedisCommands.ExecutedCommand(invocation, redis) == "KEYS")
                    {
                        problem = $"'{invocation.DisplayReceiver()}.{invocation.TargetMethod.Name}(\"KEYS\", ...)' runs KEYS";
                    }
                    else if (invocation.TargetMethod.Name is "Keys" or "KeysAsync" && redis.IsServer(invocation.TargetMethod.ContainingType))
                    {
                        var owner = operationContext.ContainingSymbol;
                        if (invocation.GetEnclosingLoop() is { } loop)
                        {
                            // foreach (var key in server.Keys(...)): the scan is what the loop walks (deleting by prefix).
                            problem = loop is IForEachLoopOperation forEach && forEach.Collection.SkipConversions() == invocation
                                ? $"'{invocation.DisplayReceiver()}.{invocation.TargetMethod.Name}' scans the keyspace and loops over every matching key"
                                : $"'{invocation.DisplayReceiver()}.{invocation.TargetMethod.Name}' scans the keyspace in a loop";
                        }
                        else if (messaging.Code.IsInRequestHandler(invocation, owner))
                        {
                            problem = $"'{invocation.DisplayReceiver()}.{invocation.TargetMethod.Name}' scans the keyspace on every request";
                        }
                    }

                    if (problem is not null && !IsMaintenance(operationContext.ContainingSymbol, operationContext.Options, invocation.Syntax.SyntaxTree))
                    {
                        operationContext.Report(Diagnostic.Create(Descriptors.MSG3010_KeyspaceScan, invocation.Syntax.GetLocation(), problem));
                    }
                });
        }

        private static bool IsMaintenance(ISymbol owner, AnalyzerOptions options, SyntaxTree tree)
        {
            var configured = RuleOptions.GetList(options, tree, DiagnosticIds.KeyspaceScan, MaintenancePatternsOption, lowerCase: false);
            var patterns = configured.IsEmpty ? DefaultMaintenancePatterns : configured;
            for (var symbol = owner; symbol is not null and not INamespaceSymbol; symbol = symbol.ContainingSymbol)
            {
                foreach (var pattern in patterns)
                {
                    if (symbol.Name.IndexOf(pattern, StringComparison.OrdinalIgnoreCase) >= 0)
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
