using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using MessagingAnalyzers.Kafka;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MessagingAnalyzers.CodeFixes.Kafka
{
    /// <summary>
    /// MSG2013, in an <c>ExecuteAsync</c> that consumes before its first await: start with
    /// <c>await Task.Yield();</c> so that the host finishes starting before the consume loop runs (a Task-returning
    /// ExecuteAsync without async becomes async, its <c>return Task.CompletedTask;</c> statements plain returns).
    /// For other shapes the page explains how to move the loop to its own thread.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ConsumeBlocksAsyncContextCodeFix)), Shared]
    public sealed class ConsumeBlocksAsyncContextCodeFix : SemanticCodeFix
    {
        public const string EquivalenceKey = "MSG2013.Yield";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ConsumeBlocksAsyncContext);

        private protected override void RegisterFix(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root, SemanticModel model)
        {
            if (!diagnostic.Properties.TryGetValue(ConsumeBlocksAsyncContextAnalyzer.KindProperty, out var kind)
                || kind != ConsumeBlocksAsyncContextAnalyzer.ExecuteAsyncKind
                || root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { Body: { } body } method)
            {
                return;
            }

            // A Task-returning ExecuteAsync without async becomes async: its 'return Task.CompletedTask;' statements
            // become 'return;' (the last one goes). Any other return (a task computed by the body) has no mechanical fix.
            var isAsync = method.Modifiers.Any(SyntaxKind.AsyncKeyword);
            if (!isAsync && !ReturnsOnlyCompletedTasks(body))
            {
                return;
            }

            var task = model.LookupNamespacesAndTypes(body.SpanStart, name: "Task").IsEmpty ? "System.Threading.Tasks.Task" : "Task";
            var first = body.Statements.Count > 0 ? (SyntaxNode)body.Statements[0] : body;
            var indent = body.Statements.Count > 0 ? SyntaxHelpers.GetIndentation(first) : SyntaxHelpers.GetIndentation(body) + "    ";
            var yield = SyntaxFactory.ParseStatement($"{indent}await {task}.Yield();{SyntaxHelpers.GetNewLine(body)}");
            var newBody = isAsync ? body : WithoutCompletedTaskReturns(body);
            newBody = newBody.WithStatements(newBody.Statements.Insert(0, yield));
            SyntaxNode target = isAsync ? body : method;
            SyntaxNode replacement = isAsync
                ? newBody
                : method.WithBody(newBody).AddModifiers(SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space));
            context.RegisterCodeFix(
                CodeAction.Create("Yield before the consume loop (await Task.Yield())", ct => SyntaxHelpers.ReplaceNodeAsync(context.Document, target, replacement, ct), EquivalenceKey),
                diagnostic);
        }

        /// <summary>Every return of the body (not of its lambdas or local functions) returns <c>Task.CompletedTask</c>.</summary>
        private static bool ReturnsOnlyCompletedTasks(BlockSyntax body) =>
            OwnReturns(body).All(r => r.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CompletedTask" });

        private static System.Collections.Generic.IEnumerable<ReturnStatementSyntax> OwnReturns(BlockSyntax body) =>
            body.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<ReturnStatementSyntax>();

        /// <summary><c>return Task.CompletedTask;</c> becomes <c>return;</c>, and goes when it is the body's last statement.</summary>
        private static BlockSyntax WithoutCompletedTaskReturns(BlockSyntax body)
        {
            var returns = OwnReturns(body).ToList();
            var last = body.Statements.LastOrDefault() as ReturnStatementSyntax;
            var rewritten = body.ReplaceNodes(returns, (original, _) => original.WithExpression(null).WithReturnKeyword(original.ReturnKeyword.WithTrailingTrivia()));
            if (last is not null && rewritten.Statements.LastOrDefault() is ReturnStatementSyntax)
            {
                rewritten = rewritten.WithStatements(rewritten.Statements.RemoveAt(rewritten.Statements.Count - 1));
            }

            return rewritten;
        }
    }
}
