using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Redis
{
    /// <summary>
    /// MSG3001: <c>ConnectionMultiplexer.Connect/ConnectAsync</c> per operation (loop, request handler, disposed
    /// when the method returns, kept only in a local), or reconnecting by hand when <c>!IsConnected</c>. The
    /// legitimate owners are the same as MSG2004's (see <see cref="ClientLifetime"/>). A loop that connects one
    /// multiplexer per independent endpoint and keeps them in a field the type disposes (Redlock's N masters,
    /// <see cref="EndpointClients"/>) shares each of them: not reported.
    /// </summary>
    public sealed class MultiplexerPerOperationAnalyzer : MessagingAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG3001_MultiplexerPerOperation);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Redis;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var redis = messaging.Redis!;
            context.RegisterInvocationAction(
                ImmutableArray.Create("Connect", "ConnectAsync"),
                operationContext =>
                {
                    var connect = (IInvocationOperation)operationContext.Operation;
                    if (connect.TargetMethod.Name is not ("Connect" or "ConnectAsync") || !redis.IsConnect(connect.TargetMethod))
                    {
                        return;
                    }

                    var created = connect.WalkUpConversions().Parent is IAwaitOperation awaited ? awaited : (IOperation)connect;
                    var owner = operationContext.ContainingSymbol;
                    var reason = ReconnectsByHand(connect) ? "to replace one that is not connected (it reconnects by itself)" : ClientLifetime.PerOperationReason(created, owner, messaging);
                    if (reason is not null && created.GetEnclosingLoop() is { } loop && !ReconnectsByHand(connect)
                        && EndpointClients.IsHeldPerEndpoint(created, connect, loop, owner.ContainingType, operationContext.Compilation))
                    {
                        // One multiplexer per independent endpoint, kept and disposed by the type (Redlock's N masters).
                        reason = null;
                    }

                    if (reason is not null)
                    {
                        operationContext.Report(Diagnostic.Create(Descriptors.MSG3001_MultiplexerPerOperation, connect.Syntax.GetLocation(), owner.Name, reason));
                    }
                });
        }

        /// <summary><c>if (!mux.IsConnected) { mux.Dispose(); mux = ConnectionMultiplexer.Connect(...); }</c></summary>
        private static bool ReconnectsByHand(IOperation connect)
        {
            for (var op = connect.Parent; op is not null; op = op.Parent)
            {
                if (op is IConditionalOperation conditional)
                {
                    foreach (var part in conditional.Condition.AllDescendantsAndSelf())
                    {
                        if (part is IPropertyReferenceOperation { Property.Name: "IsConnected" })
                        {
                            return true;
                        }
                    }
                }

                if (op is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return false;
                }
            }

            return false;
        }
    }
}
