using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Redis
{
    /// <summary>
    /// MSG3010: <c>Execute("KEYS", ...)</c> and Lua scripts that call KEYS, anywhere (KEYS blocks the server);
    /// <c>IServer.Keys/KeysAsync</c> (SCAN, O(keyspace) round trips per call) in a request handler or a loop. A scan
    /// in a method that deletes by prefix or clears (its name says so, or it deletes keys) is reported as a
    /// suggestion (<see cref="Descriptors.MSG3010_KeyspaceScanToDelete"/>, Info). Maintenance code (option
    /// <c>maintenance_patterns</c>, matched against the type and method names) is not reported.
    /// </summary>
    public sealed class KeyspaceScanAnalyzer : MessagingAnalyzer
    {
        public const string MaintenancePatternsOption = "maintenance_patterns";

        internal static readonly ImmutableArray<string> DefaultMaintenancePatterns = ImmutableArray.Create("Maintenance", "Migration", "Admin", "Tool", "Cli");

        private const string KeysBlocks = "KEYS walks every key in one command and blocks the server for every client while it runs";

        private const string ScanPages = "IServer.Keys pages through the whole keyspace with SCAN, so every call costs O(number of keys) round trips";

        /// <summary>Words of a method name that says it deletes by prefix or clears.</summary>
        private static readonly ImmutableArray<string> ClearWords = ImmutableArray.Create("clear", "remove", "delete", "purge", "invalidat", "flush", "evict", "reset", "unlink", "wipe");

        private static readonly ImmutableArray<string> DeleteCommands = ImmutableArray.Create("KeyDelete", "KeyUnlink");

        private static readonly ImmutableArray<string> Calls = ImmutableArray.Create("Execute", "ExecuteAsync", "Keys", "KeysAsync").AddRange(LuaScripts.ScriptCalls).Distinct().ToImmutableArray();

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG3010_KeyspaceScan, Descriptors.MSG3010_KeyspaceScanToDelete);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Redis;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var redis = messaging.Redis!;
            context.RegisterInvocationAction(
                Calls,
                operationContext =>
                {
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    var owner = operationContext.ContainingSymbol;
                    var name = invocation.TargetMethod.Name;
                    Diagnostic? diagnostic = null;
                    if (name is "Keys" or "KeysAsync")
                    {
                        if (redis.IsServer(invocation.TargetMethod.ContainingType))
                        {
                            diagnostic = ScanDiagnostic(invocation, owner, messaging, redis);
                        }
                    }
                    else if (RedisCommands.ExecutedCommand(invocation, redis) == "KEYS")
                    {
                        diagnostic = Diagnostic.Create(Descriptors.MSG3010_KeyspaceScan, invocation.Syntax.GetLocation(),
                            $"'{invocation.DisplayReceiver()}.{name}(\"KEYS\", ...)' runs KEYS", KeysBlocks);
                    }
                    else if (LuaScripts.TextOf(invocation, redis) is { } script && LuaScripts.Calls(script, "KEYS"))
                    {
                        diagnostic = Diagnostic.Create(Descriptors.MSG3010_KeyspaceScan, invocation.Syntax.GetLocation(),
                            $"'{invocation.DisplayReceiver()}.{name}' runs a Lua script that calls KEYS", KeysBlocks);
                    }

                    if (diagnostic is not null && !IsMaintenance(owner, operationContext.Options, invocation.Syntax.SyntaxTree))
                    {
                        operationContext.Report(diagnostic);
                    }
                });
        }

        /// <summary>
        /// IServer.Keys in a loop or a request handler; a suggestion in a method that deletes by prefix or clears. A loop
        /// over the servers (<c>foreach (var endpoint in mux.GetEndPoints())</c>, <c>foreach (var server in servers)</c>)
        /// is one scan of the keyspace spread over its shards, not a repeated scan: such a method is reported only when
        /// it deletes or clears (a suggestion), and a method that only lists keys (its contract) is not reported.
        /// </summary>
        private static Diagnostic? ScanDiagnostic(IInvocationOperation invocation, ISymbol owner, MessagingContext messaging, RedisLibrary redis)
        {
            var call = $"{invocation.DisplayReceiver()}.{invocation.TargetMethod.Name}";
            string? problem = null;
            var loop = invocation.GetEnclosingLoop();
            var perServer = false;
            while (loop is not null && WalksServers(loop, invocation, redis))
            {
                perServer = true;
                loop = loop.GetEnclosingLoop();
            }

            if (loop is not null)
            {
                // foreach (var key in server.Keys(...)): the scan is what the loop walks (deleting by prefix).
                problem = loop is IForEachLoopOperation forEach && forEach.Collection.SkipConversions() == invocation
                    ? $"'{call}' scans the keyspace and loops over every matching key"
                    : $"'{call}' scans the keyspace in a loop";
            }
            else if (messaging.Code.IsInRequestHandler(invocation, owner))
            {
                problem = $"'{call}' scans the keyspace on every request";
            }

            var deletes = DeletesOrClears(invocation, owner, redis);
            if (problem is null && !(perServer && deletes))
            {
                return null;
            }

            if (!deletes)
            {
                return Diagnostic.Create(Descriptors.MSG3010_KeyspaceScan, invocation.Syntax.GetLocation(), problem, ScanPages);
            }

            var finding = ReadsEveryKey(invocation) && DeletesKeys(invocation, redis)
                ? "reads every key of the database with SCAN to delete them all: FLUSHDB (IServer.FlushDatabase) removes them in one command. If the database holds other data, give this data a database of its own"
                : "pages through the whole keyspace with SCAN to find the keys to delete: every call costs O(number of keys) round trips, however few keys match. Keep the keys in an index set and delete its members, or keep this data in a separate database and flush it";
            return Diagnostic.Create(Descriptors.MSG3010_KeyspaceScanToDelete, invocation.Syntax.GetLocation(), call, owner.Name, finding);
        }

        /// <summary>
        /// A foreach over the servers or their endpoints (not over the scanned keys): <c>foreach (var endpoint in
        /// mux.GetEndPoints())</c>, <c>foreach (var server in mux.GetServers())</c>.
        /// </summary>
        private static bool WalksServers(ILoopOperation loop, IInvocationOperation invocation, RedisLibrary redis)
        {
            if (loop is not IForEachLoopOperation forEach || invocation.IsWithin(forEach.Collection))
            {
                return false;
            }

            var element = forEach.Locals.Length > 0 ? forEach.Locals[0].Type : null;
            return element is not null && (redis.IsServer(element) || element.Name is "EndPoint" or "DnsEndPoint" or "IPEndPoint");
        }

        /// <summary>No pattern, or the pattern "*": every key of the database.</summary>
        private static bool ReadsEveryKey(IInvocationOperation invocation)
        {
            var pattern = invocation.GetArgument("pattern");
            if (pattern is null || pattern.ArgumentKind == ArgumentKind.DefaultValue)
            {
                return true;
            }

            var value = pattern.Value.SkipConversions();
            return value is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } }
                || (value.ConstantValue is { HasValue: true, Value: string text } && text == "*")
                || value is IDefaultValueOperation;
        }

        /// <summary>The method's name says it deletes or clears, or its function deletes keys (KeyDelete/KeyUnlink).</summary>
        private static bool DeletesOrClears(IInvocationOperation invocation, ISymbol owner, RedisLibrary redis)
        {
            return Words.FindStem(Words.Split(owner.Name), ClearWords, allowInfix: false) is not null || DeletesKeys(invocation, redis);
        }

        /// <summary>The function of the scan deletes keys (KeyDelete/KeyUnlink).</summary>
        private static bool DeletesKeys(IInvocationOperation invocation, RedisLibrary redis)
        {
            foreach (var op in invocation.GetFunctionRoot().AllDescendants())
            {
                if (op is IInvocationOperation delete && redis.IsDatabaseCommand(delete.TargetMethod, DeleteCommands))
                {
                    return true;
                }
            }

            return false;
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
