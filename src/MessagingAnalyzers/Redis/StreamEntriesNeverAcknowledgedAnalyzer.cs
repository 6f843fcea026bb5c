using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Redis
{
    /// <summary>
    /// MSG3003: StreamReadGroup with <c>noAck: true</c>, or StreamReadGroup when nothing in the compilation calls
    /// StreamAcknowledge (reported at the end of the compilation).
    /// </summary>
    public sealed class StreamEntriesNeverAcknowledgedAnalyzer : MessagingAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG3003_StreamEntriesNeverAcknowledged);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Redis;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var redis = messaging.Redis!;
            var reads = new ConcurrentQueue<IInvocationOperation>();
            var acknowledged = 0;
            context.RegisterInvocationAction(
                InvocationActions.WithAsync("StreamAcknowledge", "StreamReadGroup"),
                operationContext =>
                {
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    if (redis.IsDatabaseCommand(invocation.TargetMethod, "StreamAcknowledge"))
                    {
                        Interlocked.Exchange(ref acknowledged, 1);
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
                });
            context.RegisterCompilationEndAction(end =>
            {
                if (Volatile.Read(ref acknowledged) != 0)
                {
                    return;
                }

                foreach (var read in reads)
                {
                    end.Report(Diagnostic.Create(
                        Descriptors.MSG3003_StreamEntriesNeverAcknowledged, read.Syntax.GetLocation(),
                        $"'{read.DisplayReceiver()}.{read.TargetMethod.Name}' reads with a consumer group, but nothing in the project calls StreamAcknowledge"));
                }
            });
        }
    }
}
