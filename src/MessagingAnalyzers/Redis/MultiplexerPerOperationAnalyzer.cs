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
    /// <see cref="EndpointClients"/>) shares each of them: not reported. Nor is a connectivity check (connect, ask
    /// whether it is connected or ping, dispose), whose purpose is the connection itself.
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

                    if (reason is not null && !ReconnectsByHand(connect) && IsConnectivityCheck(created))
                    {
                        // Connect, ping, dispose: the method tests whether the endpoint answers; connecting is its purpose.
                        reason = null;
                    }

                    if (reason is not null)
                    {
                        operationContext.Report(Diagnostic.Create(Descriptors.MSG3001_MultiplexerPerOperation, connect.Syntax.GetLocation(), owner.Name, reason));
                    }
                });
        }

        /// <summary>
        /// A connectivity check: the multiplexer, held in a local and disposed (<c>using</c>, Dispose/Close), is only
        /// asked whether it is connected (<c>IsConnected</c>, <c>GetStatus</c>, <c>Configuration</c>, <c>GetEndPoints</c>)
        /// or pinged (<c>Ping</c>/<c>PingAsync</c> on its <c>GetDatabase()</c> or <c>GetServer(...)</c>, directly or
        /// through a local). Any other use (a real command, passing it on) is not a check.
        /// </summary>
        private static bool IsConnectivityCheck(IOperation created)
        {
            var outer = created.WalkUpConversions();
            if (outer.GetAssignedLocal() is not { } local)
            {
                return false;
            }

            var disposed = outer.IsDeclaredByUsing();
            var root = created.GetFunctionRoot();
            var uses = 0;
            foreach (var op in root.AllDescendants())
            {
                if (op is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    continue;
                }

                var use = reference.WalkUpConversions();
                switch (use.Parent)
                {
                    case IInvocationOperation { TargetMethod.Name: "Dispose" or "DisposeAsync" or "Close" or "CloseAsync" } close when close.Instance == use:
                        disposed = true;
                        break;
                    case IPropertyReferenceOperation { Property.Name: "IsConnected" or "IsConnecting" or "Configuration" or "ClientName" } property when property.Instance == use:
                        uses++;
                        break;
                    case IInvocationOperation { TargetMethod.Name: "GetStatus" or "GetEndPoints" } status when status.Instance == use:
                        uses++;
                        break;
                    case IInvocationOperation { TargetMethod.Name: "GetDatabase" or "GetServer" } target when target.Instance == use && OnlyPinged(target, root):
                        uses++;
                        break;
                    default:
                        return false;
                }
            }

            return disposed && uses > 0;
        }

        /// <summary>The database or server is only pinged or asked about itself (its properties), directly or through a local.</summary>
        private static bool OnlyPinged(IOperation target, IOperation root)
        {
            var outer = target.WalkUpConversions();
            if (outer.GetAssignedLocal() is not { } local)
            {
                return IsPingOrProperty(outer);
            }

            foreach (var op in root.AllDescendants())
            {
                if (op is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                    && !IsPingOrProperty(reference.WalkUpConversions()))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsPingOrProperty(IOperation use) => use.Parent switch
        {
            IInvocationOperation { TargetMethod.Name: "Ping" or "PingAsync" } ping => ping.Instance == use,
            IPropertyReferenceOperation property => property.Instance == use,
            _ => false,
        };

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
