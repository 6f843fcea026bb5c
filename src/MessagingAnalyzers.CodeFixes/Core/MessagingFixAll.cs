using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace MessagingAnalyzers.CodeFixes
{
    /// <summary>
    /// Fix All for every fixer of the package, in document, project and solution scope, from the IDE and from
    /// <c>dotnet format</c>. Unlike the batch fixer it does not need every occurrence to offer the action that the
    /// Fix All was started from:
    /// <list type="bullet">
    /// <item>An occurrence that offers one action gets it, whatever equivalence key the caller passed.
    /// <c>dotnet format</c> passes the key of the first diagnostic it sees, which may belong to another rule
    /// (the rules run in shared host analyzers) or to an occurrence the fixer cannot fix; with the batch fixer
    /// that key matched nothing and no occurrence was fixed.</item>
    /// <item>An occurrence that offers several actions (a choice) gets the one the caller chose, or its first
    /// (default) action when the caller's key is not among them.</item>
    /// <item>An occurrence the fixer cannot fix is skipped; the others are still fixed.</item>
    /// </list>
    /// Fixes of one document are computed against the same text and merged; a fix that touches text another fix
    /// already changed is computed again on the merged document, in up to <see cref="Rounds"/> rounds.
    /// </summary>
    internal sealed class MessagingFixAll : FixAllProvider
    {
        public static readonly MessagingFixAll Instance = new();

        private const int Rounds = 4;

        private MessagingFixAll()
        {
        }

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
            new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            var byDocument = await DiagnosticsByDocumentAsync(fixAllContext).ConfigureAwait(false);
            if (byDocument.Count == 0)
            {
                return null;
            }

            var title = fixAllContext.CodeActionEquivalenceKey is { } key ? "Fix all: " + key : "Fix all occurrences";
            return CodeAction.Create(
                title,
                async cancellationToken =>
                {
                    var solution = fixAllContext.Solution;
                    foreach (var pair in byDocument)
                    {
                        var document = solution.GetDocument(pair.Key);
                        if (document is null)
                        {
                            continue;
                        }

                        var text = await FixDocumentAsync(document, pair.Value, fixAllContext.CodeFixProvider, fixAllContext.CodeActionEquivalenceKey, cancellationToken).ConfigureAwait(false);
                        if (text is not null)
                        {
                            solution = solution.WithDocumentText(pair.Key, text);
                        }
                    }

                    return solution;
                },
                fixAllContext.CodeActionEquivalenceKey);
        }

        private static async Task<Dictionary<DocumentId, ImmutableArray<Diagnostic>>> DiagnosticsByDocumentAsync(FixAllContext context)
        {
            var fixable = context.CodeFixProvider.FixableDiagnosticIds;
            var diagnostics = new List<Diagnostic>();
            switch (context.Scope)
            {
                case FixAllScope.Document when context.Document is { } document:
                    diagnostics.AddRange(await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false));
                    break;
                case FixAllScope.Project:
                    diagnostics.AddRange(await context.GetAllDiagnosticsAsync(context.Project).ConfigureAwait(false));
                    break;
                case FixAllScope.Solution:
                    foreach (var project in context.Solution.Projects)
                    {
                        diagnostics.AddRange(await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false));
                    }

                    break;
                default:
                    if (context.Document is { } containing)
                    {
                        diagnostics.AddRange(await context.GetDocumentDiagnosticsAsync(containing).ConfigureAwait(false));
                    }

                    break;
            }

            var result = new Dictionary<DocumentId, ImmutableArray<Diagnostic>>();
            foreach (var group in diagnostics
                .Where(d => d.Location.IsInSource && fixable.Contains(d.Id) && context.DiagnosticIds.Contains(d.Id))
                .GroupBy(d => d.Location.SourceTree!))
            {
                if (context.Solution.GetDocumentId(group.Key) is { } id)
                {
                    result[id] = group.OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
                }
            }

            return result;
        }

        /// <summary>The document's text with every fixable occurrence fixed; null when nothing changed.</summary>
        private static async Task<SourceText?> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CodeFixProvider fixer, string? key, CancellationToken cancellationToken)
        {
            var original = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var pending = diagnostics;
            var changed = false;
            for (var round = 0; round < Rounds && !pending.IsEmpty; round++)
            {
                var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
                var accepted = new List<TextChange>();
                var deferred = ImmutableArray.CreateBuilder<Diagnostic>();
                foreach (var diagnostic in pending)
                {
                    var changes = await ChangesOfAsync(document, diagnostic, fixer, key, cancellationToken).ConfigureAwait(false);
                    if (changes.IsDefaultOrEmpty)
                    {
                        continue; // Not fixable here: skipped, the others go on.
                    }

                    if (changes.All(change => accepted.All(other => !Conflicts(change, other))))
                    {
                        foreach (var change in changes)
                        {
                            if (!accepted.Any(other => Same(change, other)))
                            {
                                accepted.Add(change);
                            }
                        }
                    }
                    else
                    {
                        deferred.Add(diagnostic);
                    }
                }

                if (accepted.Count == 0)
                {
                    break;
                }

                var merged = text.WithChanges(accepted.OrderBy(c => c.Span.Start));
                document = document.WithText(merged);
                changed = true;
                pending = await MapAsync(deferred.ToImmutable(), accepted, document, cancellationToken).ConfigureAwait(false);
            }

            if (!changed)
            {
                return null;
            }

            var result = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            return result.ContentEquals(original) ? null : result;
        }

        /// <summary>The text changes of the action chosen for <paramref name="diagnostic"/> in its document.</summary>
        private static async Task<ImmutableArray<TextChange>> ChangesOfAsync(Document document, Diagnostic diagnostic, CodeFixProvider fixer, string? key, CancellationToken cancellationToken)
        {
            var actions = new List<CodeAction>();
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
            try
            {
                await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return default;
            }

            var flat = actions;
            var chosen = flat.Count == 1 ? flat[0] : flat.FirstOrDefault(a => a.EquivalenceKey == key) ?? flat.FirstOrDefault();
            if (chosen is null)
            {
                return default;
            }

            var operations = await chosen.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
            var apply = operations.OfType<ApplyChangesOperation>().FirstOrDefault();
            if (apply?.ChangedSolution.GetDocument(document.Id) is not { } fixedDocument)
            {
                return default;
            }

            var changes = await fixedDocument.GetTextChangesAsync(document, cancellationToken).ConfigureAwait(false);
            return changes.ToImmutableArray();
        }

        /// <summary>Two different changes that start at the same point, or whose spans overlap (an insertion strictly inside a replaced span included).</summary>
        private static bool Conflicts(TextChange a, TextChange b) =>
            !Same(a, b) && (a.Span.Start == b.Span.Start || (a.Span.Start < b.Span.End && b.Span.Start < a.Span.End));

        private static bool Same(TextChange a, TextChange b) => a.Span == b.Span && a.NewText == b.NewText;

        /// <summary>
        /// The deferred diagnostics moved past the merged changes: a diagnostic whose location (or an additional
        /// location) was itself rewritten is dropped (its code changed under it).
        /// </summary>
        private static async Task<ImmutableArray<Diagnostic>> MapAsync(ImmutableArray<Diagnostic> deferred, List<TextChange> applied, Document document, CancellationToken cancellationToken)
        {
            if (deferred.IsEmpty)
            {
                return deferred;
            }

            var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
            if (tree is null)
            {
                return ImmutableArray<Diagnostic>.Empty;
            }

            var result = ImmutableArray.CreateBuilder<Diagnostic>();
            foreach (var diagnostic in deferred)
            {
                var location = Map(diagnostic.Location, applied, tree);
                var additional = diagnostic.AdditionalLocations.Select(l => Map(l, applied, tree)).ToList();
                if (location is null || additional.Any(l => l is null))
                {
                    continue;
                }

                result.Add(Diagnostic.Create(diagnostic.Descriptor, location, additional!, diagnostic.Properties, Array.Empty<object>()));
            }

            return result.ToImmutable();
        }

        private static Location? Map(Location location, List<TextChange> applied, SyntaxTree tree)
        {
            if (!location.IsInSource || location.SourceTree!.FilePath != tree.FilePath)
            {
                return location;
            }

            var span = location.SourceSpan;
            var shift = 0;
            foreach (var change in applied)
            {
                if (change.Span.End <= span.Start)
                {
                    shift += change.NewText!.Length - change.Span.Length;
                }
                else if (change.Span.Start < span.End)
                {
                    return null;
                }
            }

            return Location.Create(tree, new TextSpan(span.Start + shift, span.Length));
        }
    }
}
