using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MessagingAnalyzers.CodeFixes.Kafka
{
    /// <summary>
    /// MSG2010: give <c>Produce</c> a delivery handler that reports <c>report.Error</c>; <c>await</c> a discarded
    /// <c>ProduceAsync</c> in async code, or turn it into <c>Produce</c> with a delivery handler in synchronous code.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DeliveryResultUnobservedCodeFix)), Shared]
    public sealed class DeliveryResultUnobservedCodeFix : SemanticCodeFix
    {
        /// <summary>One key: each diagnostic gets exactly one of the actions.</summary>
        public const string EquivalenceKey = "MSG2010.Fix";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.DeliveryResultUnobserved);

        private protected override void RegisterFix(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root, SemanticModel model)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation)
            {
                return;
            }

            if (access.Name.Identifier.ValueText == "Produce")
            {
                RegisterAddHandler(context, diagnostic, model, invocation);
                return;
            }

            var statement = invocation.Parent switch
            {
                ExpressionStatementSyntax s => s,
                AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" }, Parent: ExpressionStatementSyntax s } => s,
                _ => null,
            };
            if (statement is null)
            {
                return;
            }

            if (SyntaxHelpers.IsInAsyncFunction(statement))
            {
                var awaited = SyntaxFactory.ExpressionStatement(SyntaxFactory.AwaitExpression(invocation.WithoutTrivia())).WithTriviaFrom(statement);
                context.RegisterCodeFix(
                    CodeAction.Create("Await the ProduceAsync task", ct => SyntaxHelpers.ReplaceNodeAsync(context.Document, statement, awaited, ct), EquivalenceKey),
                    diagnostic);
            }
            else
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Use Produce with a delivery handler", ct => KafkaSyntax.ReplaceWithProduceAsync(context.Document, statement, invocation, ct), EquivalenceKey),
                    diagnostic);
            }
        }

        private static void RegisterAddHandler(CodeFixContext context, Diagnostic diagnostic, SemanticModel model, InvocationExpressionSyntax invocation)
        {
            var statement = invocation.FirstAncestorOrSelf<StatementSyntax>();
            if (statement is null)
            {
                return;
            }

            var handler = SyntaxFactory.Argument(KafkaSyntax.DeliveryHandler(model, SyntaxHelpers.UniqueName(model, invocation.SpanStart, "report"), statement));
            var arguments = invocation.ArgumentList.Arguments;
            var nullArgument = arguments.Count == 3 && arguments[2].Expression.IsKind(SyntaxKind.NullLiteralExpression) ? arguments[2] : null;
            if (arguments.Count != 2 && nullArgument is null)
            {
                return;
            }

            var newArguments = nullArgument is null
                ? arguments.Add(handler)
                : arguments.Replace(nullArgument, nullArgument.NameColon is null ? handler : handler.WithNameColon(nullArgument.NameColon));
            var fixedInvocation = invocation.WithArgumentList(invocation.ArgumentList.WithArguments(newArguments));
            context.RegisterCodeFix(
                CodeAction.Create("Add a delivery handler that reports failures", ct => SyntaxHelpers.ReplaceNodeAsync(context.Document, invocation, fixedInvocation, ct), EquivalenceKey),
                diagnostic);
        }
    }
}
