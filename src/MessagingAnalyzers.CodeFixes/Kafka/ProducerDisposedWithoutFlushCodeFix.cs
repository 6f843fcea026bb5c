using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MessagingAnalyzers.CodeFixes.Kafka
{
    /// <summary>
    /// MSG2005: <c>producer.Flush(TimeSpan.FromSeconds(10));</c> before the producer is disposed: before the
    /// <c>Dispose()</c> statement, or at the end of the scope of a <c>using</c> (before a final return).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ProducerDisposedWithoutFlushCodeFix)), Shared]
    public sealed class ProducerDisposedWithoutFlushCodeFix : SyntaxCodeFix
    {
        public const string EquivalenceKey = "MSG2005.Flush";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ProducerDisposedWithoutFlush);

        private protected override void RegisterFix(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (FindInsertion(node) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Flush the producer before it is disposed", ct => InsertFlushAsync(context.Document, diagnostic.Location.SourceSpan, ct), EquivalenceKey),
                    diagnostic);
            }
        }

        /// <summary>The block to insert into, the statement to insert before (null: at the end), and the receiver text.</summary>
        private static (BlockSyntax Block, StatementSyntax? Before, string Receiver)? FindInsertion(SyntaxNode node)
        {
            if (node.FirstAncestorOrSelf<VariableDeclaratorSyntax>() is { } declarator)
            {
                var name = declarator.Identifier.ValueText;
                if (declarator.Parent?.Parent is LocalDeclarationStatementSyntax { Parent: BlockSyntax block })
                {
                    return (block, FinalExit(block), name);
                }

                if (declarator.Parent?.Parent is UsingStatementSyntax { Statement: BlockSyntax body })
                {
                    return (body, FinalExit(body), name);
                }

                return null;
            }

            if (node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } dispose
                && dispose.FirstAncestorOrSelf<ExpressionStatementSyntax>() is { Parent: BlockSyntax parent } statement)
            {
                var receiver = dispose.Expression switch
                {
                    MemberAccessExpressionSyntax access => access.Expression.ToString() + ".",
                    MemberBindingExpressionSyntax when dispose.Parent is ConditionalAccessExpressionSyntax conditional => conditional.Expression.ToString() + "?.",
                    _ => null,
                };
                return receiver is null ? null : (parent, statement, receiver.TrimEnd('.'));
            }

            return null;
        }

        private static StatementSyntax? FinalExit(BlockSyntax block) =>
            block.Statements.LastOrDefault() is ReturnStatementSyntax or ThrowStatementSyntax ? block.Statements.Last() : null;

        private static async Task<Document> InsertFlushAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan span, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var insertion = root is null ? null : FindInsertion(root.FindNode(span, getInnermostNodeForTie: true));
            var timeSpan = model?.Compilation.GetTypeByMetadataName("System.TimeSpan");
            if (root is null || model is null || insertion is null || timeSpan is null)
            {
                return document;
            }

            var (block, before, receiver) = insertion.Value;
            var anchor = before ?? (SyntaxNode?)block.Statements.LastOrDefault() ?? block;
            var indent = before is not null || block.Statements.Count > 0
                ? SyntaxHelpers.GetIndentation(anchor)
                : SyntaxHelpers.GetIndentation(block) + "    ";
            var newLine = SyntaxHelpers.GetNewLine(block);
            var timeSpanName = SyntaxHelpers.TypeName(model, block.SpanStart, timeSpan);
            var flush = SyntaxFactory.ParseStatement($"{indent}{receiver}.Flush({timeSpanName}.FromSeconds(10));{newLine}");

            SyntaxList<StatementSyntax> statements;
            if (before is null)
            {
                statements = block.Statements.Add(flush);
            }
            else
            {
                // The flush takes the blank lines and comments that stood before the statement it precedes.
                var index = block.Statements.IndexOf(before);
                statements = block.Statements
                    .Replace(before, before.WithLeadingTrivia(SyntaxFactory.Whitespace(indent)))
                    .Insert(index, flush.WithLeadingTrivia(before.GetLeadingTrivia()));
            }
            return document.WithSyntaxRoot(root.ReplaceNode(block, block.WithStatements(statements)));
        }
    }
}
