using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace MessagingAnalyzers.CodeFixes.Kafka
{
    /// <summary>
    /// MSG2006: <c>consumer.Close()</c> in a <c>finally</c> around the rest of the scope of a <c>using</c>, or before
    /// an explicit <c>Dispose()</c> (<c>consumer?.Close()</c> before <c>consumer?.Dispose()</c>). A <c>Close()</c> that stood after
    /// the consume loop, in the wrapped statements, moves into the finally (it would be skipped on cancellation).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ConsumerDisposedWithoutCloseCodeFix)), Shared]
    public sealed class ConsumerDisposedWithoutCloseCodeFix : SyntaxCodeFix
    {
        public const string EquivalenceKey = "MSG2006.Close";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ConsumerDisposedWithoutClose);

        private protected override void RegisterFix(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var skipped = diagnostic.Properties.TryGetValue(MessagingAnalyzers.Kafka.ConsumerDisposedWithoutCloseAnalyzer.KindProperty, out var kind)
                && kind == MessagingAnalyzers.Kafka.ConsumerDisposedWithoutCloseAnalyzer.SkippedOnCancellation;
            var change = Change(node, skipped);
            if (change is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Close the consumer in a finally block", ct => SyntaxHelpers.ReplaceNodeAsync(context.Document, change.Value.Old, change.Value.New, ct), EquivalenceKey),
                    diagnostic);
            }
        }

        private static (SyntaxNode Old, SyntaxNode New)? Change(SyntaxNode node, bool skipped)
        {
            if (node.FirstAncestorOrSelf<VariableDeclaratorSyntax>() is { } declarator)
            {
                var close = CloseStatement(declarator.Identifier.ValueText);
                switch (declarator.Parent?.Parent)
                {
                    case LocalDeclarationStatementSyntax { Parent: BlockSyntax block } declaration:
                        var index = block.Statements.IndexOf(declaration);
                        var rest = WithoutClose(block.Statements.Skip(index + 1), declarator.Identifier.ValueText);
                        var tryStatement = SyntaxFactory.TryStatement(
                                SyntaxFactory.Block(rest),
                                default,
                                SyntaxFactory.FinallyClause(SyntaxFactory.Block(close)))
                            .WithAdditionalAnnotations(Formatter.Annotation);
                        var statements = SyntaxFactory.List(block.Statements.Take(index + 1).Append(tryStatement));
                        return (block, block.WithStatements(statements));

                    case UsingStatementSyntax { Statement: BlockSyntax body } usingStatement:
                        body = body.WithStatements(SyntaxFactory.List(WithoutClose(body.Statements, declarator.Identifier.ValueText)));
                        var wrapped = SyntaxFactory.Block(
                                SyntaxFactory.TryStatement(body, default, SyntaxFactory.FinallyClause(SyntaxFactory.Block(close))))
                            .WithAdditionalAnnotations(Formatter.Annotation);
                        return (usingStatement, usingStatement.WithStatement(wrapped));
                }

                return null;
            }

            // A Close that already stands before the Dispose is the one skipped on cancellation: not a second one.
            if (skipped)
            {
                return null;
            }

            if (node.FirstAncestorOrSelf<ConditionalAccessExpressionSyntax>() is { WhenNotNull: InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax } } conditional)
            {
                var conditionalClose = SyntaxFactory.ParseStatement(conditional.Expression.WithoutTrivia() + "?.Close();");
                if (conditional.Parent is ExpressionStatementSyntax { Parent: BlockSyntax conditionalParent } conditionalStatement)
                {
                    conditionalClose = conditionalClose.WithLeadingTrivia(conditionalStatement.GetLeadingTrivia()).WithTrailingTrivia(conditionalStatement.GetTrailingTrivia());
                    return (conditionalParent, conditionalParent.WithStatements(conditionalParent.Statements.Insert(conditionalParent.Statements.IndexOf(conditionalStatement), conditionalClose)));
                }

                if (conditional.Parent is ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax conditionalMethod })
                {
                    var conditionalBody = SyntaxFactory.Block(conditionalClose, SyntaxFactory.ExpressionStatement(conditional.WithoutTrivia()))
                        .WithAdditionalAnnotations(Formatter.Annotation);
                    return (conditionalMethod, conditionalMethod.WithExpressionBody(null).WithSemicolonToken(default).WithBody(conditionalBody));
                }

                return null;
            }

            if (node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { Expression: MemberAccessExpressionSyntax access }
                && node.FirstAncestorOrSelf<ExpressionStatementSyntax>() is { Parent: BlockSyntax parent } statement)
            {
                var close = CloseStatement(access.Expression.ToString()).WithLeadingTrivia(statement.GetLeadingTrivia()).WithTrailingTrivia(statement.GetTrailingTrivia());
                return (parent, parent.WithStatements(parent.Statements.Insert(parent.Statements.IndexOf(statement), close)));
            }

            if (node.FirstAncestorOrSelf<ArrowExpressionClauseSyntax>() is { Parent: MethodDeclarationSyntax method } arrow
                && arrow.Expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax disposeAccess } dispose)
            {
                var body = SyntaxFactory.Block(CloseStatement(disposeAccess.Expression.ToString()), SyntaxFactory.ExpressionStatement(dispose.WithoutTrivia()))
                    .WithAdditionalAnnotations(Formatter.Annotation);
                return (method, method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(body));
            }

            return null;
        }

        /// <summary>The statements without a top-level <c>consumer.Close();</c>: the finally closes it now.</summary>
        private static System.Collections.Generic.List<StatementSyntax> WithoutClose(System.Collections.Generic.IEnumerable<StatementSyntax> statements, string consumer) =>
            statements.Where(s => !(s is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Close" } close, ArgumentList.Arguments.Count: 0 } }
                && close.Expression is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == consumer)).ToList();

        private static StatementSyntax CloseStatement(string consumer) =>
            SyntaxFactory.ParseStatement(consumer + ".Close();");
    }
}
