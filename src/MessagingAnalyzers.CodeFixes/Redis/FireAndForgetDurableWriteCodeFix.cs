using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MessagingAnalyzers.CodeFixes.Redis
{
    /// <summary>MSG3012: remove CommandFlags.FireAndForget (the whole argument, or the operand of a <c>|</c>).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FireAndForgetDurableWriteCodeFix)), Shared]
    public sealed class FireAndForgetDurableWriteCodeFix : SyntaxCodeFix
    {
        public const string EquivalenceKey = "MSG3012.RemoveFlag";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.FireAndForgetDurableWrite);

        private protected override void RegisterFix(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root)
        {
            if (diagnostic.AdditionalLocations.Count == 0
                || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not { } flags)
            {
                return;
            }

            if (flags is ArgumentSyntax wrapped)
            {
                flags = wrapped.Expression;
            }

            (SyntaxNode Old, SyntaxNode? New)? change = flags switch
            {
                BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.BitwiseOrExpression) && IsFireAndForget(binary.Right) => (binary, binary.Left.WithTriviaFrom(binary)),
                BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.BitwiseOrExpression) && IsFireAndForget(binary.Left) => (binary, binary.Right.WithTriviaFrom(binary)),
                ExpressionSyntax single when IsFireAndForget(single) && single.Parent is ArgumentSyntax argument => (argument, null),
                _ => null,
            };
            if (change is null)
            {
                return;
            }

            var (oldNode, newNode) = change.Value;
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Remove CommandFlags.FireAndForget",
                    async ct =>
                    {
                        var current = await context.Document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
                        return current is null
                            ? context.Document
                            : context.Document.WithSyntaxRoot(newNode is null
                                ? current.RemoveNode(oldNode, SyntaxRemoveOptions.KeepNoTrivia)!
                                : current.ReplaceNode(oldNode, newNode));
                    },
                    EquivalenceKey),
                diagnostic);
        }

        private static bool IsFireAndForget(ExpressionSyntax expression) =>
            expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "FireAndForget" };
    }
}
