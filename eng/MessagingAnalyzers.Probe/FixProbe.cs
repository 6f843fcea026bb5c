using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MessagingAnalyzers.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MessagingAnalyzers.Probe
{
    /// <summary>
    /// <c>--fixes</c>: for every finding of a rule that has a fixer, whether a fix is offered, and whether the first
    /// action (the one <c>dotnet format</c> applies) keeps the file compiling (no compiler error the file did not have;
    /// probed code has unresolved references, so errors are compared, not required to be zero) and clears its finding.
    /// </summary>
    internal sealed class FixProbe
    {
        private static readonly ImmutableArray<CodeFixProvider> Fixers = MessagingCodeFix.CreateAll();

        private readonly Dictionary<string, (int Findings, int Offered, int Breaks, int Stays)> _byRule = new(StringComparer.Ordinal);

        public List<string> Problems { get; } = new();

        public bool IsFixable(string id) => Fixers.Any(f => f.FixableDiagnosticIds.Contains(id));

        public async Task CheckAsync(string repository, CSharpCompilation compilation, ImmutableArray<Diagnostic> diagnostics, ImmutableArray<DiagnosticAnalyzer> analyzers, Func<string?, bool> owns)
        {
            var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId();
            var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
                projectId, VersionStamp.Default, compilation.AssemblyName!, compilation.AssemblyName!, LanguageNames.CSharp,
                compilationOptions: compilation.Options, parseOptions: compilation.SyntaxTrees.FirstOrDefault()?.Options,
                metadataReferences: compilation.References));
            var documents = new Dictionary<SyntaxTree, DocumentId>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                var id = DocumentId.CreateNewId(projectId);
                solution = solution.AddDocument(id, System.IO.Path.GetFileName(tree.FilePath), tree.GetText(), filePath: tree.FilePath);
                documents[tree] = id;
            }

            var trees = new Dictionary<SyntaxTree, SyntaxTree>();
            foreach (var pair in documents)
            {
                trees[pair.Key] = (await solution.GetDocument(pair.Value)!.GetSyntaxTreeAsync())!;
            }

            Location Map(Location location) =>
                location.SourceTree is { } t && trees.TryGetValue(t, out var mapped) ? Location.Create(mapped, location.SourceSpan) : location;

            foreach (var diagnostic in diagnostics)
            {
                if (!IsFixable(diagnostic.Id) || diagnostic.Location.SourceTree is not { } tree || !owns(tree.FilePath) || !documents.TryGetValue(tree, out var documentId))
                {
                    continue;
                }

                var document = solution.GetDocument(documentId)!;
                var treeInSolution = trees[tree];
                var located = Diagnostic.Create(diagnostic.Descriptor, Map(diagnostic.Location), diagnostic.AdditionalLocations.Select(Map), diagnostic.Properties);
                var actions = new List<CodeAction>();
                foreach (var fixer in Fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
                {
                    await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, located, (a, _) => actions.Add(a), CancellationToken.None));
                }

                var counts = _byRule.TryGetValue(diagnostic.Id, out var c) ? c : default;
                counts.Findings++;
                var where = $"{repository}\t{System.IO.Path.GetFileName(tree.FilePath)}:{diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1}\t{diagnostic.Id}";
                if (actions.Count == 0)
                {
                    Problems.Add(where + "\tno fix offered" + (diagnostic.Properties.TryGetValue("NoFix", out var reason) ? " (NoFix: " + reason + ")" : string.Empty));
                    _byRule[diagnostic.Id] = counts;
                    continue;
                }

                counts.Offered++;
                var operations = await actions[0].GetOperationsAsync(CancellationToken.None);
                var changed = operations.OfType<ApplyChangesOperation>().FirstOrDefault()?.ChangedSolution;
                if (changed is not null)
                {
                    var before = await ErrorsAsync(solution.GetProject(projectId)!, treeInSolution.FilePath);
                    var afterProject = changed.GetProject(projectId)!;
                    var after = await ErrorsAsync(afterProject, treeInSolution.FilePath);
                    if (after.Count > before.Count)
                    {
                        counts.Breaks++;
                        Problems.Add(where + "\tbreaks the build: " + string.Join("; ", after.Except(before).Take(3)));
                    }
                    else
                    {
                        var afterCompilation = (await afterProject.GetCompilationAsync())!;
                        var remaining = (await afterCompilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync())
                            .Count(d => d.Id == diagnostic.Id && d.Location.SourceTree?.FilePath == treeInSolution.FilePath);
                        var had = diagnostics.Count(d => d.Id == diagnostic.Id && d.Location.SourceTree?.FilePath == treeInSolution.FilePath);
                        if (remaining >= had)
                        {
                            counts.Stays++;
                            Problems.Add(where + "\tthe finding stays after the fix");
                        }
                    }
                }

                _byRule[diagnostic.Id] = counts;
            }
        }

        private static async Task<List<string>> ErrorsAsync(Project project, string? file)
        {
            var compilation = (await project.GetCompilationAsync())!;
            return compilation.GetDiagnostics()
                .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath == file)
                .Select(d => d.Id + " " + d.GetMessage())
                .ToList();
        }

        public void Print()
        {
            Console.WriteLine();
            Console.WriteLine("Fixes (first action of each finding of a rule that has a fixer):");
            Console.WriteLine("| Rule | Findings | Fix offered | Breaks the build | Finding stays |");
            Console.WriteLine("|---|---|---|---|---|");
            foreach (var pair in _byRule.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"| {pair.Key} | {pair.Value.Findings} | {pair.Value.Offered} | {pair.Value.Breaks} | {pair.Value.Stays} |");
            }

            var total = _byRule.Values.Aggregate((Findings: 0, Offered: 0, Breaks: 0, Stays: 0), (a, v) => (a.Findings + v.Findings, a.Offered + v.Offered, a.Breaks + v.Breaks, a.Stays + v.Stays));
            Console.WriteLine($"| all | {total.Findings} | {total.Offered} | {total.Breaks} | {total.Stays} |");
            foreach (var problem in Problems)
            {
                Console.WriteLine("  " + problem);
            }
        }
    }
}
