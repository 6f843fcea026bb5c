using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Redis
{
    /// <summary>
    /// MSG3012: CommandFlags.FireAndForget on StreamAdd, list pushes, LockTake/LockRelease/LockExtend. Publish of
    /// events is MSG1001's (FireAndForget makes its receiver count meaningless); cache writes and counters are fine.
    /// </summary>
    public sealed class FireAndForgetDurableWriteAnalyzer : MessagingAnalyzer
    {
        private static readonly ImmutableArray<string> DurableCommands = ImmutableArray.Create("StreamAdd", "ListLeftPush", "ListRightPush", "LockTake", "LockRelease", "LockExtend");

        private const int FireAndForget = 2;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG3012_FireAndForgetDurableWrite);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Redis;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var redis = messaging.Redis!;
            context.RegisterInvocationAction(
                InvocationActions.WithAsync(DurableCommands),
                operationContext =>
                {
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    var what = RedisLibrary.CommandOf(invocation.TargetMethod.Name, DurableCommands) switch
                    {
                        "StreamAdd" => "stream entry",
                        "ListLeftPush" or "ListRightPush" => "queue item",
                        "LockTake" or "LockRelease" or "LockExtend" => "lock operation",
                        _ => null,
                    };
                    if (what is null || !redis.IsDatabase(invocation.TargetMethod.ContainingType))
                    {
                        return;
                    }

                    var flags = invocation.GetArgument("flags");
                    if (flags is { IsImplicit: false } && flags.Value.ConstantValue is { HasValue: true, Value: int value } && (value & FireAndForget) != 0)
                    {
                        operationContext.Report(Diagnostic.Create(
                            Descriptors.MSG3012_FireAndForgetDurableWrite,
                            invocation.Syntax.GetLocation(),
                            additionalLocations: new[] { flags.Value.Syntax.GetLocation() },
                            invocation.DisplayReceiver() + "." + invocation.TargetMethod.Name,
                            what));
                    }
                });
        }
    }
}
