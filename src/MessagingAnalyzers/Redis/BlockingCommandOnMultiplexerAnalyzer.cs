using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Redis
{
    /// <summary>MSG3011: Execute(Async) of a blocking command (BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BZPOPMIN/MAX, BLMPOP, BZMPOP, WAIT, XREAD/XREADGROUP ... BLOCK).</summary>
    public sealed class BlockingCommandOnMultiplexerAnalyzer : MessagingAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG3011_BlockingCommandOnMultiplexer);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Redis;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var redis = messaging.Redis!;
            context.RegisterInvocationAction(
                ImmutableArray.Create("Execute", "ExecuteAsync"),
                operationContext =>
                {
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    var command = RedisCommands.ExecutedCommand(invocation, redis);
                    var blocking = command switch
                    {
                        "BLPOP" or "BRPOP" or "BLMOVE" or "BRPOPLPUSH" or "BZPOPMIN" or "BZPOPMAX" or "BLMPOP" or "BZMPOP" or "WAIT" or "WAITAOF" => command,
                        "XREAD" or "XREADGROUP" when RedisCommands.HasWord(invocation, "BLOCK") => command + " ... BLOCK",
                        _ => null,
                    };
                    if (blocking is not null)
                    {
                        operationContext.Report(Diagnostic.Create(
                            Descriptors.MSG3011_BlockingCommandOnMultiplexer, invocation.Syntax.GetLocation(), invocation.DisplayReceiver() + "." + invocation.TargetMethod.Name, blocking));
                    }
                });
        }
    }
}
