using System.Collections.Immutable;
using System.Composition;
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
    /// MSG2013, in an async <c>ExecuteAsync</c> that consumes before its first await: start with
    /// <c>await Task.Yield();</c> so that the host finishes starting before the consume loop runs.
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
                || root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { Body: { } body } method
                || !method.Modifiers.Any(SyntaxKind.AsyncKeyword))
            {
                return;
            }

            var task = model.LookupNamespacesAndTypes(body.SpanStart, name: "Task").IsEmpty ? "System.Threading.Tasks.Task" : "Task";
            var first = body.Statements.Count > 0 ? (SyntaxNode)body.Statements[0] : body;
            var indent = body.Statements.Count > 0 ? SyntaxHelpers.GetIndentation(first) : SyntaxHelpers.GetIndentation(body) + "    ";
            var yield = SyntaxFactory.ParseStatement($"{indent}await {task}.Yield();{SyntaxHelpers.GetNewLine(body)}");
            var newBody = body.WithStatements(body.Statements.Insert(0, yield));
            context.RegisterCodeFix(
                CodeAction.Create("Yield before the consume loop (await Task.Yield())", ct => SyntaxHelpers.ReplaceNodeAsync(context.Document, body, newBody, ct), EquivalenceKey),
                diagnostic);
        }
    }
}
