using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
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

        /// <summary>
        /// Values already read, per file, options provider and key: rules ask from hot callbacks, and a lookup builds
        /// two key strings and asks up to four dictionaries. Held by the file (weakly: an IDE makes new files on every
        /// edit while its options provider lives on), not by the file's options object, which a host may create anew
        /// on every request.
        /// </summary>
        private static readonly ConditionalWeakTable<SyntaxTree, ConcurrentDictionary<(AnalyzerConfigOptionsProvider Provider, string RuleId, string Name, ValueKind Kind), object?>> Read = new();

        public static string? GetString(AnalyzerOptions options, SyntaxTree tree, string ruleId, string name) =>
            (string?)GetCached(options, tree, ruleId, name, ValueKind.Text);

        /// <summary>How a value is kept in the cache: as its text, or split into a list (lower-cased or as written).</summary>
        private enum ValueKind
        {
            Text,
            LowerCaseList,
            List,
        }

        private static object? GetCached(AnalyzerOptions options, SyntaxTree tree, string ruleId, string name, ValueKind kind)
        {
            var provider = options.AnalyzerConfigOptionsProvider;
            var cache = Read.GetValue(tree, static _ => new ConcurrentDictionary<(AnalyzerConfigOptionsProvider, string, string, ValueKind), object?>());
            var key = (provider, ruleId, name, kind);
            if (!cache.TryGetValue(key, out var value))
            {
                var text = ReadString(provider, provider.GetOptions(tree), ruleId, name);
                value = kind == ValueKind.Text ? text : Split(text, lowerCase: kind == ValueKind.LowerCaseList);
                cache.TryAdd(key, value);
            }

            return value;
        }

        private static string? ReadString(AnalyzerConfigOptionsProvider provider, AnalyzerConfigOptions treeOptions, string ruleId, string name)
        {
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
        public static ImmutableArray<string> GetList(AnalyzerOptions options, SyntaxTree tree, string ruleId, string name, bool lowerCase = true) =>
            (ImmutableArray<string>)GetCached(options, tree, ruleId, name, lowerCase ? ValueKind.LowerCaseList : ValueKind.List)!;

        private static ImmutableArray<string> Split(string? value, bool lowerCase)
        {
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
