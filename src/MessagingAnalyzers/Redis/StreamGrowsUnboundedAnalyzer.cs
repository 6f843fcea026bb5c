using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Redis
{
    /// <summary>
    /// MSG3005: StreamAdd without maxLength/minId/options when nothing in the compilation calls StreamTrim*
    /// (reported at the end of the compilation).
    /// </summary>
    public sealed class StreamGrowsUnboundedAnalyzer : MessagingAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG3005_StreamGrowsUnbounded);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Redis;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var redis = messaging.Redis!;
            var adds = new ConcurrentQueue<IInvocationOperation>();
            var trimmed = 0;
            context.RegisterOperationAction(
                operationContext =>
                {
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    var name = invocation.TargetMethod.Name;
                    if (name.StartsWith("StreamTrim", System.StringComparison.Ordinal) && redis.IsDatabase(invocation.TargetMethod.ContainingType))
                    {
                        Interlocked.Exchange(ref trimmed, 1);
                    }
                    else if (RedisLibrary.IsCommandName(name, "StreamAdd") && redis.IsDatabase(invocation.TargetMethod.ContainingType) && !IsCapped(invocation))
                    {
                        adds.Enqueue(invocation);
                    }
                },
                OperationKind.Invocation);
            context.RegisterCompilationEndAction(end =>
            {
                if (Volatile.Read(ref trimmed) != 0)
                {
                    return;
                }

                foreach (var add in adds)
                {
                    end.Report(Diagnostic.Create(Descriptors.MSG3005_StreamGrowsUnbounded, add.Syntax.GetLocation(), add.DisplayReceiver() + "." + add.TargetMethod.Name));
                }
            });
        }

        private static bool IsCapped(IInvocationOperation add)
        {
            foreach (var argument in add.Arguments)
            {
                if (argument.Parameter?.Name is "maxLength" or "minId" or "options" or "limit"
                    && !argument.IsImplicit
                    && !(argument.Value.SkipConversions().ConstantValue is { HasValue: true, Value: null }))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
