using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Redis
{
    /// <summary>
    /// MSG3003: StreamReadGroup with <c>noAck: true</c>; StreamReadGroup of a stream that nothing in the compilation
    /// acknowledges (reported at the end of the compilation). An acknowledgement is a <c>StreamAcknowledge*</c> call
    /// (<c>StreamAcknowledgeAndDelete</c> included), <c>Execute("XACK", ...)</c> or a Lua script that calls XACK, on a key
    /// that may be the stream's (<see cref="KeySignature.MayBeSame"/>: a key not understood counts). In doubt the rule
    /// is silent: a call that did not bind (an invalid operation: half-typed code, a missing reference) whose text
    /// names StreamAcknowledge or XACK may acknowledge anything.
    /// </summary>
    public sealed class StreamEntriesNeverAcknowledgedAnalyzer : MessagingAnalyzer
    {
        private static readonly ImmutableArray<string> Acknowledgements = ImmutableArray.Create("StreamAcknowledge", "StreamAcknowledgeAndDelete");

        private static readonly ImmutableArray<string> Calls = InvocationActions.WithAsync("StreamAcknowledge", "StreamAcknowledgeAndDelete", "StreamReadGroup")
            .AddRange(LuaScripts.ScriptCalls);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG3003_StreamEntriesNeverAcknowledged);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Redis;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var redis = messaging.Redis!;
            var reads = new ConcurrentQueue<IInvocationOperation>();
            // The key of each acknowledgement; null for one whose stream is not known (a raw XACK, a script).
            var acknowledgedKeys = new ConcurrentQueue<IOperation?>();
            var unboundAcknowledgement = 0;
            context.RegisterInvocationAction(
                Calls,
                operationContext =>
                {
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    if (redis.IsDatabaseCommand(invocation.TargetMethod, Acknowledgements))
                    {
                        acknowledgedKeys.Enqueue(invocation.GetArgument("key")?.Value);
                    }
                    else if (redis.IsDatabaseCommand(invocation.TargetMethod, "StreamReadGroup"))
                    {
                        if (invocation.GetArgument("noAck") is { IsImplicit: false } noAck && noAck.Value.ConstantValue.Value is true)
                        {
                            operationContext.Report(Diagnostic.Create(
                                Descriptors.MSG3003_StreamEntriesNeverAcknowledged, invocation.Syntax.GetLocation(),
                                $"'{invocation.DisplayReceiver()}.{invocation.TargetMethod.Name}' reads with noAck: true, so entries are never pending and a crash loses them"));
                        }
                        else
                        {
                            reads.Enqueue(invocation);
                        }
                    }
                    else if (RedisCommands.ExecutedCommand(invocation, redis) == "XACK"
                        || (LuaScripts.TextOf(invocation, redis) is { } script && LuaScripts.Calls(script, "XACK")))
                    {
                        acknowledgedKeys.Enqueue(null);
                    }
                });
            context.RegisterOperationAction(
                operationContext =>
                {
                    // A call the compiler could not bind: its target and arguments are unknown. If its text names an
                    // acknowledgement, it may acknowledge any stream.
                    if (Volatile.Read(ref unboundAcknowledgement) == 0
                        && operationContext.Operation.Syntax is InvocationExpressionSyntax call
                        && NamesAcknowledgement(call))
                    {
                        Interlocked.Exchange(ref unboundAcknowledgement, 1);
                    }
                },
                OperationKind.Invalid);
            context.RegisterCompilationEndAction(end =>
            {
                if (Volatile.Read(ref unboundAcknowledgement) != 0)
                {
                    return;
                }

                var anyAcknowledgement = !acknowledgedKeys.IsEmpty;
                foreach (var read in reads)
                {
                    var stream = read.GetArgument("key")?.Value;
                    if (stream is null || IsAcknowledged(stream, acknowledgedKeys))
                    {
                        continue;
                    }

                    var call = read.DisplayReceiver() + "." + read.TargetMethod.Name;
                    end.Report(Diagnostic.Create(
                        Descriptors.MSG3003_StreamEntriesNeverAcknowledged, read.Syntax.GetLocation(),
                        anyAcknowledgement
                            ? $"'{call}' reads '{ConstantText.Of(stream).Display}' with a consumer group, but nothing in the project acknowledges entries of that stream (StreamAcknowledge is called for other streams only)"
                            : $"'{call}' reads with a consumer group, but nothing in the project calls StreamAcknowledge"));
                }
            });
        }

        private static bool IsAcknowledged(IOperation stream, ConcurrentQueue<IOperation?> acknowledgedKeys)
        {
            foreach (var key in acknowledgedKeys)
            {
                if (key is null || KeySignature.MayBeSame(stream, key))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool NamesAcknowledgement(InvocationExpressionSyntax call)
        {
            var name = call.Expression switch
            {
                MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
                _ => null,
            };
            if (name is null)
            {
                return false;
            }

            if (name.StartsWith("StreamAcknowledge", System.StringComparison.Ordinal))
            {
                return true;
            }

            // db.Execute("XACK", ...) that did not bind.
            return name.StartsWith("Execute", System.StringComparison.Ordinal)
                && call.ArgumentList.Arguments.Count > 0
                && call.ArgumentList.Arguments[0].Expression is LiteralExpressionSyntax literal
                && string.Equals(literal.Token.ValueText, "XACK", System.StringComparison.OrdinalIgnoreCase);
        }
    }
}
