using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MessagingAnalyzers.CodeFixes.Kafka
{
    /// <summary>MSG2003: move a <c>Flush</c> statement of a loop body to just after the loop.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FlushPerMessageCodeFix)), Shared]
    public sealed class FlushPerMessageCodeFix : SyntaxCodeFix
    {
        public const string EquivalenceKey = "MSG2003.MoveAfterLoop";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.FlushPerMessage);

        private protected override void RegisterFix(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root)
        {
            var statement = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
                .FirstAncestorOrSelf<ExpressionStatementSyntax>();
            if (statement is { Parent: BlockSyntax { Parent: StatementSyntax loop } } && IsLoop(loop) && loop.Parent is BlockSyntax
                && !UsesLoopLocals(statement, loop))
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Flush once, after the loop", ct => MoveAsync(context.Document, statement, loop, ct), EquivalenceKey),
                    diagnostic);
            }
        }

        /// <summary>The flush reads a local of the loop (a producer built per iteration): it cannot move out of it.</summary>
        private static bool UsesLoopLocals(StatementSyntax flush, StatementSyntax loop)
        {
            var declared = new System.Collections.Generic.HashSet<string>(System.StringComparer.Ordinal);
            if (loop is ForEachStatementSyntax forEach)
            {
                declared.Add(forEach.Identifier.ValueText);
            }

            foreach (var node in loop.DescendantNodes())
            {
                switch (node)
                {
                    case VariableDeclaratorSyntax variable:
                        declared.Add(variable.Identifier.ValueText);
                        break;
                    case SingleVariableDesignationSyntax designation:
                        declared.Add(designation.Identifier.ValueText);
                        break;
                }
            }

            foreach (var name in flush.DescendantNodes())
            {
                if (name is IdentifierNameSyntax identifier && declared.Contains(identifier.Identifier.ValueText))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsLoop(SyntaxNode node) =>
            node is ForEachStatementSyntax or ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax;

        private static async Task<Document> MoveAsync(Document document, ExpressionStatementSyntax flush, StatementSyntax loop, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var indent = SyntaxHelpers.GetIndentation(loop);
            var newLine = SyntaxHelpers.GetNewLine(loop);
            var moved = flush
                .WithLeadingTrivia(SyntaxFactory.Whitespace(indent))
                .WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine));
            var outer = (BlockSyntax)loop.Parent!;
            var newLoop = loop.RemoveNode(flush, SyntaxRemoveOptions.KeepNoTrivia)!;
            var index = outer.Statements.IndexOf(loop);
            var statements = outer.Statements.RemoveAt(index).InsertRange(index, new[] { newLoop, moved });
            return document.WithSyntaxRoot(root.ReplaceNode(outer, outer.WithStatements(statements)));
        }
    }
}
