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

        /// <summary>Words of a key or method name that says the counter limits something (a rate limiter, a quota).</summary>
        private static readonly ImmutableArray<string> LimitWords = ImmutableArray.Create("limit", "throttl", "quota", "rate");

        private const string RateLimiterConsequence = " (and a rate limiter counting on it keeps refusing the client for good)";

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
                                expire.DisplayReceiver() + "." + expire.TargetMethod.Name,
                                SaysItLimits(increment, operationContext.ContainingSymbol) ? RateLimiterConsequence : string.Empty));
                            return;
                        }
                    }
                });
        }

        /// <summary>The increment's key, or the method that increments, says it limits (rate, limit, throttle, quota).</summary>
        private static bool SaysItLimits(IInvocationOperation increment, ISymbol owner)
        {
            var key = ConstantText.Of(increment.GetArgument("key")?.Value);
            return (key.HasConstantPart && Words.FindStem(Words.Split(key.Display), LimitWords, allowInfix: true) is not null)
                || Words.FindStem(Words.Split(owner.Name), LimitWords, allowInfix: true) is not null;
        }
    }
}
