using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using MessagingAnalyzers.CodeFixes.Kafka;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MessagingAnalyzers.Tests.Meta
{
    /// <summary>Every analyzer, fixer and descriptor the package ships, found by reflection.</summary>
    public static class RuleCatalog
    {
        public static Assembly AnalyzerAssembly { get; } = typeof(MessagingAnalyzer).Assembly;

        public static Assembly CodeFixAssembly { get; } = typeof(ProduceAsyncBlockedCodeFix).Assembly;

        /// <summary>The rules, one analyzer class each (each runs on its own in the tests).</summary>
        public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = AnalyzerAssembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(MessagingAnalyzer).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

        /// <summary>What the compiler loads from the package: the analyzers marked [DiagnosticAnalyzer] (the rule hosts and the suppressor).</summary>
        public static ImmutableArray<DiagnosticAnalyzer> Shipped { get; } = AnalyzerAssembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

        /// <summary>The rule hosts the compiler loads.</summary>
        public static ImmutableArray<RuleHost> Hosts { get; } = Shipped.OfType<RuleHost>().ToImmutableArray();

        public static ImmutableArray<DiagnosticSuppressor> Suppressors { get; } = AnalyzerAssembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticSuppressor).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticSuppressor)Activator.CreateInstance(t)!)
            .ToImmutableArray();

        public static IEnumerable<object[]> SuppressorNames => Suppressors.Select(s => new object[] { s.GetType().Name });

        public static ImmutableArray<CodeFixProvider> CodeFixes { get; } = CodeFixAssembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToImmutableArray();

        public static ImmutableArray<DiagnosticDescriptor> Descriptors { get; } = Analyzers
            .SelectMany(a => a.SupportedDiagnostics)
            .GroupBy(d => d.Id)
            .Select(g => g.First())
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();

        public static IEnumerable<object[]> DescriptorIds => Descriptors.Select(d => new object[] { d.Id });

        public static IEnumerable<object[]> AnalyzerNames => Analyzers.Select(a => new object[] { a.GetType().Name });

        public static IEnumerable<object[]> CodeFixNames => CodeFixes.Select(f => new object[] { f.GetType().Name });

        public static DiagnosticDescriptor Descriptor(string id) => Descriptors.Single(d => d.Id == id);

        public static DiagnosticAnalyzer Analyzer(string name) => Analyzers.Single(a => a.GetType().Name == name);

        public static CodeFixProvider CodeFix(string name) => CodeFixes.Single(f => f.GetType().Name == name);

        /// <summary>The family folder of a rule type: the last segment of its namespace (Design, Kafka, Redis, Security).</summary>
        public static string Family(Type type) => type.Namespace!.Split('.').Last();
    }
}
