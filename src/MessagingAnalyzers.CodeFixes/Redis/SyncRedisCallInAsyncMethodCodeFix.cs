using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace MessagingAnalyzers.CodeFixes.Redis
{
    /// <summary>MSG3013: <c>db.StringGet(k)</c> → <c>await db.StringGetAsync(k)</c>, in functions declared <c>async</c>.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SyncRedisCallInAsyncMethodCodeFix)), Shared]
    public sealed class SyncRedisCallInAsyncMethodCodeFix : SyntaxCodeFix
    {
        public const string EquivalenceKey = "MSG3013.AwaitAsync";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SyncRedisCallInAsyncMethod);

        private protected override void RegisterFix(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation
                || !SyntaxHelpers.IsInAsyncFunction(invocation))
            {
                return;
            }

            var asyncCall = invocation.WithExpression(access.WithName(SyntaxFactory.IdentifierName(access.Name.Identifier.ValueText + "Async")));
            ExpressionSyntax awaited = SyntaxFactory.AwaitExpression(asyncCall.WithoutTrivia());
            if (invocation.Parent is not (ExpressionStatementSyntax or EqualsValueClauseSyntax or ArgumentSyntax or ReturnStatementSyntax or AssignmentExpressionSyntax or ArrowExpressionClauseSyntax))
            {
                awaited = SyntaxFactory.ParenthesizedExpression(awaited).WithAdditionalAnnotations(Simplifier.Annotation);
            }

            context.RegisterCodeFix(
                CodeAction.Create($"Await {access.Name.Identifier.ValueText}Async", ct => SyntaxHelpers.ReplaceNodeAsync(context.Document, invocation, awaited.WithTriviaFrom(invocation), ct), EquivalenceKey),
                diagnostic);
        }
    }
}
