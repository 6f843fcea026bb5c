using System.Collections.Generic;
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
    /// MSG2002: collect the ProduceAsync tasks of the loop in a list and await <c>Task.WhenAll</c> after it.
    /// Offered when every flagged await in the loop is a statement whose result is not used and no try
    /// statement sits between it and the loop (exception handling would change).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ProduceAsyncAwaitedInLoopCodeFix)), Shared]
    public sealed class ProduceAsyncAwaitedInLoopCodeFix : SyntaxCodeFix
    {
        public const string EquivalenceKey = "MSG2002.WhenAll";

        private static readonly SyntaxAnnotation LoopAnnotation = new("MSG2002.Loop");

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ProduceAsyncAwaitedInLoop);

        /// <summary>Rewrites each loop once, whatever the number of its diagnostics.</summary>
        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(
            async (context, document, diagnostics) => await RewriteLoopsAsync(document, diagnostics.Select(d => d.Location.SourceSpan), context.CancellationToken).ConfigureAwait(false));

        private protected override void RegisterFix(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is InvocationExpressionSyntax invocation
                && FixableLoop(invocation) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Collect the tasks and await Task.WhenAll after the loop",
                        ct => RewriteLoopsAsync(context.Document, new[] { diagnostic.Location.SourceSpan }, ct),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        /// <summary>The loop whose body holds <c>await invocation;</c> as a statement, when it can be rewritten.</summary>
        private static StatementSyntax? FixableLoop(InvocationExpressionSyntax invocation)
        {
            var statement = AwaitStatement(invocation);
            if (statement is null)
            {
                return null;
            }

            for (var node = statement.Parent; node is not null; node = node.Parent)
            {
                switch (node)
                {
                    case TryStatementSyntax:
                    case AnonymousFunctionExpressionSyntax:
                    case LocalFunctionStatementSyntax:
                        return null;
                    case ForEachStatementSyntax or ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax when node.Parent is BlockSyntax:
                        return (StatementSyntax)node;
                    case ForEachStatementSyntax or ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax:
                        return null;
                }
            }

            return null;
        }

        /// <summary><c>await p.ProduceAsync(...)[.ConfigureAwait(x)];</c> around the invocation, or null.</summary>
        private static ExpressionStatementSyntax? AwaitStatement(InvocationExpressionSyntax invocation)
        {
            SyntaxNode node = invocation;
            if (node.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Parent: InvocationExpressionSyntax configure })
            {
                node = configure;
            }

            return node.Parent is AwaitExpressionSyntax { Parent: ExpressionStatementSyntax statement } ? statement : null;
        }

        private static async Task<Document> RewriteLoopsAsync(Document document, IEnumerable<Microsoft.CodeAnalysis.Text.TextSpan> spans, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            // Mark the loops and all their awaited produce statements, then rewrite the loops one at a time
            // with a fresh semantic model (so that list names stay unique).
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var kafka = model is null ? null : KafkaLibrary.TryCreate(model.Compilation);
            if (kafka is null)
            {
                return document;
            }

            var loops = spans
                .Select(s => root.FindNode(s, getInnermostNodeForTie: true) as InvocationExpressionSyntax)
                .Select(i => i is null ? null : FixableLoop(i))
                .Where(l => l is not null)
                .Select(l => l!)
                .Distinct()
                .ToList();
            var statements = loops
                .SelectMany(loop => loop.DescendantNodes().OfType<InvocationExpressionSyntax>()
                    .Where(i => FixableLoop(i) == loop
                        && model!.GetSymbolInfo(i, cancellationToken).Symbol is IMethodSymbol method
                        && kafka.IsProduceAsync(method)))
                .Select(i => AwaitStatement(i)!)
                .ToList();
            root = root.ReplaceNodes(
                loops.Cast<SyntaxNode>().Concat(statements),
                (original, rewritten) => loops.Contains(original)
                    ? rewritten.WithAdditionalAnnotations(LoopAnnotation)
                    : rewritten.WithAdditionalAnnotations(StatementAnnotation));
            document = document.WithSyntaxRoot(root);

            while (true)
            {
                root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
                var loop = root.GetAnnotatedNodes(LoopAnnotation).OfType<StatementSyntax>().FirstOrDefault();
                if (loop is null)
                {
                    return document;
                }

                model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
                document = document.WithSyntaxRoot(RewriteLoop(root, model, loop, cancellationToken));
            }
        }

        private static readonly SyntaxAnnotation StatementAnnotation = new("MSG2002.Await");

        private static SyntaxNode RewriteLoop(SyntaxNode root, SemanticModel model, StatementSyntax loop, CancellationToken cancellationToken)
        {
            var awaits = loop.GetAnnotatedNodes(StatementAnnotation).OfType<ExpressionStatementSyntax>().ToList();
            var first = (AwaitExpressionSyntax)awaits[0].Expression;
            var produce = StripConfigureAwait(first.Expression, out var configureAwait);
            var taskType = model.GetTypeInfo(produce, cancellationToken).Type;
            var listDefinition = model.Compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");
            if (taskType is null || listDefinition is null)
            {
                return root.ReplaceNode(loop, loop.WithoutAnnotations(LoopAnnotation));
            }

            var listName = SyntaxHelpers.UniqueName(model, loop.SpanStart, "produceTasks");
            var listType = SyntaxHelpers.TypeName(model, loop.SpanStart, listDefinition.Construct(taskType));
            var indent = SyntaxHelpers.GetIndentation(loop);
            var newLine = SyntaxHelpers.GetNewLine(loop);

            var newLoop = loop.ReplaceNodes(awaits, (original, rewritten) =>
            {
                var call = StripConfigureAwait(((AwaitExpressionSyntax)original.Expression).Expression, out _);
                var add = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(listName), SyntaxFactory.IdentifierName("Add")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(call.WithoutTrivia()))));
                return SyntaxFactory.ExpressionStatement(add).WithTriviaFrom(original);
            }).WithoutAnnotations(LoopAnnotation);

            var declaration = SyntaxFactory.ParseStatement($"var {listName} = new {listType}();{newLine}")
                .WithLeadingTrivia(loop.GetLeadingTrivia());
            ExpressionSyntax whenAll = SyntaxFactory.ParseExpression("Task.WhenAll(" + listName + ")");
            if (model.LookupNamespacesAndTypes(loop.SpanStart, name: "Task").IsEmpty)
            {
                whenAll = SyntaxFactory.ParseExpression("System.Threading.Tasks.Task.WhenAll(" + listName + ")");
            }

            if (configureAwait is not null)
            {
                whenAll = SyntaxFactory.ParseExpression(whenAll + ".ConfigureAwait(" + configureAwait + ")");
            }

            var after = SyntaxFactory.ParseStatement($"{indent}await {whenAll};{newLine}");
            var block = (BlockSyntax)loop.Parent!;
            var index = block.Statements.IndexOf(loop);
            var statements = block.Statements
                .RemoveAt(index)
                .InsertRange(index, new[] { declaration, newLoop.WithLeadingTrivia(SyntaxFactory.Whitespace(indent)), after });
            return root.ReplaceNode(block, block.WithStatements(statements));
        }

        private static ExpressionSyntax StripConfigureAwait(ExpressionSyntax expression, out string? configureAwaitArgument)
        {
            configureAwaitArgument = null;
            if (expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } access } configure)
            {
                configureAwaitArgument = configure.ArgumentList.Arguments.FirstOrDefault()?.ToString();
                return access.Expression;
            }

            return expression;
        }
    }
}
