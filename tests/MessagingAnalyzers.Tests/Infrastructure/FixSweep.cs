using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MessagingAnalyzers.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace MessagingAnalyzers.Tests.Infrastructure
{
    /// <summary>
    /// Every code action of every rule, on every test source: run with each analyzer and code-fix verification (all
    /// client versions), it takes the source (markup removed), runs the package as users get it (its host analyzers),
    /// and applies each action every fixer offers for each diagnostic, one at a time. The fixed code must compile
    /// (no error the source did not have), must clear the diagnostic it was offered for, and must draw no diagnostic
    /// of the package that the source did not have (counted per rule).
    /// </summary>
    internal static class FixSweep
    {
        private static readonly ImmutableArray<DiagnosticAnalyzer> Hosts = ImmutableArray.Create<DiagnosticAnalyzer>(
            new DesignRules(), new KafkaRules(), new RedisRules(), new SecurityRules());

        private static readonly ImmutableArray<CodeFixProvider> Fixers = MessagingCodeFix.CreateAll();

        public static async Task RunAsync(string markup, VerifyOptions options, ClientSet clients)
        {
            TestFileMarkupParser.GetPositionsAndSpans(markup, out var source, out _, out ImmutableDictionary<string, ImmutableArray<TextSpan>> _);
            var document = CreateDocument(source, options, clients);
            var before = await AnalyzeAsync(document).ConfigureAwait(false);
            if (before.Errors.Length > 0)
            {
                return; // Not a compiling source (a fragment): nothing to judge fixes against.
            }

            var failures = new StringBuilder();
            foreach (var diagnostic in before.Diagnostics)
            {
                foreach (var fixer in Fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
                {
                    var actions = new List<CodeAction>();
                    await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None)).ConfigureAwait(false);
                    foreach (var action in actions)
                    {
                        var problem = await CheckAsync(document, diagnostic, action, before).ConfigureAwait(false);
                        if (problem is not null)
                        {
                            failures.AppendLine($"{diagnostic.Id} at {diagnostic.Location.GetLineSpan().StartLinePosition}, action '{action.Title}' ({action.EquivalenceKey}): {problem}");
                        }
                    }
                }
            }

            if (failures.Length > 0)
            {
                throw new InvalidOperationException("Code actions that break the code (FixSweep):" + Environment.NewLine + failures);
            }
        }

        private static async Task<string?> CheckAsync(Document document, Diagnostic diagnostic, CodeAction action, Analysis before)
        {
            var operations = await action.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false);
            var changed = operations.OfType<ApplyChangesOperation>().FirstOrDefault()?.ChangedSolution.GetDocument(document.Id);
            if (changed is null)
            {
                return "no change";
            }

            var after = await AnalyzeAsync(changed).ConfigureAwait(false);
            var text = (await changed.GetTextAsync().ConfigureAwait(false)).ToString();
            if (after.Errors.Length > 0)
            {
                return "the fixed code does not compile: " + string.Join("; ", after.Errors.Select(e => e.ToString())) + Environment.NewLine + text;
            }

            var countsBefore = Count(before.Diagnostics);
            var countsAfter = Count(after.Diagnostics);
            if (countsAfter.TryGetValue(diagnostic.Id, out var remaining) && remaining >= countsBefore[diagnostic.Id])
            {
                return "the diagnostic is still there: " + string.Join("; ", after.Diagnostics.Where(d => d.Id == diagnostic.Id).Select(d => d.ToString())) + Environment.NewLine + text;
            }

            var added = countsAfter.Where(pair => pair.Value > (countsBefore.TryGetValue(pair.Key, out var n) ? n : 0)).Select(pair => pair.Key).ToList();
            if (added.Count > 0)
            {
                return "the fixed code draws new diagnostics: " + string.Join("; ", after.Diagnostics.Where(d => added.Contains(d.Id)).Select(d => d.ToString())) + Environment.NewLine + text;
            }

            return null;
        }

        private static Dictionary<string, int> Count(ImmutableArray<Diagnostic> diagnostics) =>
            diagnostics.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.Count());

        private sealed record Analysis(ImmutableArray<Diagnostic> Errors, ImmutableArray<Diagnostic> Diagnostics);

        private static async Task<Analysis> AnalyzeAsync(Document document)
        {
            var compilation = (await document.Project.GetCompilationAsync().ConfigureAwait(false))!;
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
            var analyzed = compilation.WithAnalyzers(Hosts, document.Project.AnalyzerOptions);
            var diagnostics = (await analyzed.GetAnalyzerDiagnosticsAsync().ConfigureAwait(false))
                .Where(d => d.Id.StartsWith("MSG", StringComparison.Ordinal) && d.Location.IsInSource && d.Location.SourceTree == compilation.SyntaxTrees.First())
                .ToImmutableArray();
            return new Analysis(errors, diagnostics);
        }

        private static Document CreateDocument(string source, VerifyOptions options, ClientSet clients)
        {
            var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId();
            var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
            var compilationOptions = new CSharpCompilationOptions(options.OutputKind);
            var solution = workspace.CurrentSolution
                .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "TestProject", options.AssemblyName ?? "TestProject", LanguageNames.CSharp,
                    compilationOptions: compilationOptions, parseOptions: parseOptions))
                .AddMetadataReferences(projectId, Basic.Reference.Assemblies.Net100.References.All)
                .AddMetadataReferences(projectId, clients.References);
            var documentId = DocumentId.CreateNewId(projectId);
            solution = solution
                .AddDocument(documentId, "Test0.cs", SourceText.From(source), filePath: "/0/Test0.cs")
                .AddDocument(DocumentId.CreateNewId(projectId), Stubs.FileName, SourceText.From(Stubs.Source), filePath: "/0/" + Stubs.FileName);
            if (options.EditorConfig is not null)
            {
                solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), ".editorconfig",
                    SourceText.From("root = true\n\n[*.cs]\n" + options.EditorConfig), filePath: "/.editorconfig");
            }

            if (options.GlobalConfig is not null)
            {
                solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), "messaging.globalconfig",
                    SourceText.From("is_global = true\n" + options.GlobalConfig), filePath: "/messaging.globalconfig");
            }

            return solution.GetDocument(documentId)!;
        }
    }
}
