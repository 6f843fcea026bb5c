using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using MessagingAnalyzers.Tests.Meta;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace MessagingAnalyzers.Tests.Reliability
{
    /// <summary>Same input, same diagnostics: with and without concurrent execution, run after run; no static mutable state.</summary>
    public class DeterminismTests
    {
        [Fact]
        public async Task LargeCompilation_GivesIdenticalDiagnostics_OnEveryConcurrentRun()
        {
            var clients = ClientSet.All[ClientSet.All.Count - 1];
            var compilation = FuzzSources.Compilation(clients, "Large");
            var analyzers = RuleCatalog.Analyzers;

            var baseline = await RunAsync(compilation, analyzers, concurrent: false);
            Assert.NotEmpty(baseline);
            for (var run = 0; run < 3; run++)
            {
                var actual = await RunAsync(compilation, analyzers, concurrent: true);
                var counts = baseline.GroupBy(d => d).ToDictionary(g => g.Key, g => g.Count());
                var actualCounts = actual.GroupBy(d => d).ToDictionary(g => g.Key, g => g.Count());
                var missing = counts.Where(c => !actualCounts.TryGetValue(c.Key, out var n) || n != c.Value).Select(c => $"{c.Value}x {c.Key}").ToList();
                var extra = actualCounts.Where(c => !counts.TryGetValue(c.Key, out var n) || n != c.Value).Select(c => $"{c.Value}x {c.Key}").ToList();
                Assert.True(missing.Count == 0 && extra.Count == 0, $"run {run}: missing {string.Join("\n", missing)}\nextra {string.Join("\n", extra)}");
                Assert.Equal(baseline, actual);
            }
        }

        [Fact]
        public void AnalyzersAndCodeFixes_HaveNoStaticMutableState()
        {
            var offenders = new List<string>();
            foreach (var assembly in new[] { RuleCatalog.AnalyzerAssembly, RuleCatalog.CodeFixAssembly })
            {
                foreach (var type in assembly.GetTypes())
                {
                    if (type.Name.Contains('<', StringComparison.Ordinal))
                    {
                        continue; // compiler-generated closures and lambda caches
                    }

                    foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                    {
                        if (field.Name.Contains('<', StringComparison.Ordinal) || field.IsLiteral)
                        {
                            continue;
                        }

                        if (field.IsDefined(typeof(ThreadStaticAttribute), inherit: false))
                        {
                            continue; // one per thread (a reused work buffer): never shared between callbacks running concurrently
                        }

                        if (!field.IsInitOnly || IsMutableType(field.FieldType))
                        {
                            offenders.Add($"{type.FullName}.{field.Name} ({field.FieldType.Name})");
                        }
                    }
                }
            }

            Assert.Empty(offenders);
        }

        private static bool IsMutableType(Type type) =>
            type.IsArray
            || (type.IsGenericType && type.GetGenericTypeDefinition() is var definition
                && (definition == typeof(List<>) || definition == typeof(Dictionary<,>) || definition == typeof(HashSet<>)))
            || type == typeof(System.Text.StringBuilder);

        private static async Task<List<string>> RunAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, bool concurrent)
        {
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrent, logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();
            return diagnostics.Select(d => d.ToString()).OrderBy(s => s, StringComparer.Ordinal).ToList();
        }
    }
}
