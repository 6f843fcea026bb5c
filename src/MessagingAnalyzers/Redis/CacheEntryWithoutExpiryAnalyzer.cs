using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Redis
{
    /// <summary>
    /// MSG3009: StringSet(Async) without an expiry (nor keepTtl) where the key, the method or the type names a
    /// cache (option <c>cache_patterns</c>, default "cache"). The expiry is matched by parameter name, so the
    /// TimeSpan? (2.x) and Expiration (3.x) shapes are both understood.
    /// </summary>
    public sealed class CacheEntryWithoutExpiryAnalyzer : MessagingAnalyzer
    {
        public const string CachePatternsOption = "cache_patterns";
        public const string DefaultTtlOption = "default_ttl";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG3009_CacheEntryWithoutExpiry);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Redis;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var redis = messaging.Redis!;
            context.RegisterInvocationAction(
                InvocationActions.WithAsync("StringSet"),
                operationContext =>
                {
                    var set = (IInvocationOperation)operationContext.Operation;
                    if (!redis.IsDatabaseCommand(set.TargetMethod, "StringSet") || HasExpiry(set) || set.GetArgument("key") is not { } keyArgument)
                    {
                        return;
                    }

                    var configured = RuleOptions.GetList(operationContext.Options, set.Syntax.SyntaxTree, DiagnosticIds.CacheEntryWithoutExpiry, CachePatternsOption);
                    var patterns = configured.IsEmpty ? ImmutableArray.Create("cache") : configured;
                    var key = ConstantText.Of(keyArgument.Value);
                    if (!NamesCache(key.Display, patterns) && !NamesCache(operationContext.ContainingSymbol.Name, patterns)
                        && !NamesCache(operationContext.ContainingSymbol.ContainingType?.Name ?? string.Empty, patterns))
                    {
                        return;
                    }

                    operationContext.Report(Diagnostic.Create(
                        Descriptors.MSG3009_CacheEntryWithoutExpiry, set.Syntax.GetLocation(), set.DisplayReceiver() + "." + set.TargetMethod.Name,
                        key.HasConstantPart ? key.Display : keyArgument.Value.Syntax.ToString()));
                });
        }

        private static bool HasExpiry(IInvocationOperation set)
        {
            foreach (var argument in set.Arguments)
            {
                if (argument.IsImplicit)
                {
                    continue;
                }

                switch (argument.Parameter?.Name)
                {
                    case "expiry":
                        if (!(argument.Value.SkipConversions().ConstantValue is { HasValue: true, Value: null }) && argument.Value.SkipConversions() is not IDefaultValueOperation)
                        {
                            return true;
                        }

                        break;
                    case "keepTtl" when argument.Value.ConstantValue.Value is true:
                        return true;
                }

                if (argument.Parameter?.Type.Name == "KeyValuePair" || argument.Value.Type is IArrayTypeSymbol)
                {
                    // StringSet(KeyValuePair[]) (MSET) cannot take an expiry.
                    return true;
                }
            }

            return false;
        }

        private static bool NamesCache(string text, ImmutableArray<string> patterns)
        {
            foreach (var pattern in patterns)
            {
                if (text.IndexOf(pattern, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
