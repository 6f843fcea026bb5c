using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MessagingAnalyzers.CodeFixes.Redis
{
    /// <summary>MSG3005: add <c>maxLength: 100_000, useApproximateMaxLength: true</c> (MAXLEN ~) to StreamAdd.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(StreamGrowsUnboundedCodeFix)), Shared]
    public sealed class StreamGrowsUnboundedCodeFix : SyntaxCodeFix
    {
        public const string EquivalenceKey = "MSG3005.MaxLength";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.StreamGrowsUnbounded);

        private protected override void RegisterFix(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root)
        {
            // Both StreamAdd shapes take maxLength and useApproximateMaxLength after the entry (field and value, or an
            // entries array) and the optional message id: named arguments appended after at most three positional
            // ones (and any named ones) bind whatever the overload.
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation
                || invocation.ArgumentList.Arguments.Count(a => a.NameColon is null) is < 2 or > 3
                || invocation.ArgumentList.Arguments.Any(a => a.NameColon?.Name.Identifier.ValueText is "maxLength" or "useApproximateMaxLength" or "minId" or "trimMode" or "limit"))
            {
                return;
            }

            var arguments = invocation.ArgumentList.Arguments
                .Add(SyntaxFactory.Argument(SyntaxFactory.ParseExpression("100_000")).WithNameColon(SyntaxFactory.NameColon("maxLength")))
                .Add(SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression)).WithNameColon(SyntaxFactory.NameColon("useApproximateMaxLength")));
            var capped = invocation.WithArgumentList(invocation.ArgumentList.WithArguments(arguments));
            context.RegisterCodeFix(
                CodeAction.Create("Cap the stream (maxLength: 100_000, approximate)", ct => SyntaxHelpers.ReplaceNodeAsync(context.Document, invocation, capped, ct), EquivalenceKey),
                diagnostic);
        }
    }
}
