using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Redis
{
    /// <summary>
    /// MSG3006: StringIncrement/StringDecrement/HashIncrement/HashDecrement and KeyExpire on the same key as
    /// separate commands in one function (the key compared by <see cref="KeySignature"/>). Silent inside a
    /// transaction or batch, and for an increment that sets its own expiration (3.x <c>Expiration</c> argument).
    /// Reported on the increment; the additional location is the KeyExpire call, for the code fix.
    /// </summary>
    public sealed class NonAtomicIncrementExpireAnalyzer : MessagingAnalyzer
    {
        /// <summary>The expiry an increment is paired with: a function whose text does not name it is not walked.</summary>
        private static readonly NameScan ExpireNames = new(new[] { "KeyExpire", "KeyExpireAsync" });

        private static readonly ImmutableArray<string> Increments = ImmutableArray.Create("StringIncrement", "StringDecrement", "HashIncrement", "HashDecrement");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG3006_NonAtomicIncrementExpire);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Redis;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var redis = messaging.Redis!;
            context.RegisterInvocationAction(
                InvocationActions.WithAsync(Increments),
                operationContext =>
                {
                    var increment = (IInvocationOperation)operationContext.Operation;
                    if (!redis.IsDatabaseCommand(increment.TargetMethod, Increments)
                        || redis.IsBatch(increment.Instance?.Type)
                        || increment.GetArgument("expiry") is { IsImplicit: false })
                    {
                        return;
                    }

                    var function = increment.GetFunctionRoot();
                    if (!ExpireNames.AnyIn(function.Syntax) || KeySignature.Of(increment.GetArgument("key")?.Value) is not { } key)
                    {
                        return;
                    }

                    foreach (var op in function.DescendantsInSameFunction())
                    {
                        if (op is IInvocationOperation expire
                            && redis.IsDatabaseCommand(expire.TargetMethod, "KeyExpire")
                            && !redis.IsBatch(expire.Instance?.Type)
                            && KeySignature.Of(expire.GetArgument("key")?.Value) == key)
                        {
                            operationContext.Report(Diagnostic.Create(
                                Descriptors.MSG3006_NonAtomicIncrementExpire,
                                increment.Syntax.GetLocation(),
                                additionalLocations: new[] { expire.Syntax.GetLocation() },
                                increment.DisplayReceiver() + "." + increment.TargetMethod.Name,
                                expire.DisplayReceiver() + "." + expire.TargetMethod.Name));
                            return;
                        }
                    }
                });
        }
    }
}
