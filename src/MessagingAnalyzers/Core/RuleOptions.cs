using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MessagingAnalyzers
{
    /// <summary>
    /// Reads rule options from .editorconfig / global AnalyzerConfig files:
    /// <c>MSG1001.durable_channels = ledger, billing</c> (keys are case-insensitive; the
    /// <c>dotnet_diagnostic.MSG1001.durable_channels</c> spelling is accepted too).
    /// </summary>
    internal static class RuleOptions
    {
        private const string ListSeparators = ",; \t";

        public static string? GetString(AnalyzerOptions options, SyntaxTree tree, string ruleId, string name)
        {
            var provider = options.AnalyzerConfigOptionsProvider;
            var treeOptions = provider.GetOptions(tree);
            var key = ruleId + "." + name;
            if (treeOptions.TryGetValue(key, out var value)
                || treeOptions.TryGetValue("dotnet_diagnostic." + key, out value)
                || provider.GlobalOptions.TryGetValue(key, out value)
                || provider.GlobalOptions.TryGetValue("dotnet_diagnostic." + key, out value))
            {
                return value;
            }

            return null;
        }

        /// <summary>A comma/semicolon/space separated list, lower-cased; empty when not set.</summary>
        public static ImmutableArray<string> GetList(AnalyzerOptions options, SyntaxTree tree, string ruleId, string name, bool lowerCase = true)
        {
            var value = GetString(options, tree, ruleId, name);
            if (string.IsNullOrWhiteSpace(value))
            {
                return ImmutableArray<string>.Empty;
            }

            var builder = ImmutableArray.CreateBuilder<string>();
            foreach (var item in value!.Split(ListSeparators.ToCharArray(), StringSplitOptions.RemoveEmptyEntries))
            {
                builder.Add(lowerCase ? item.Trim().ToLowerInvariant() : item.Trim());
            }

            return builder.ToImmutable();
        }
    }
}
