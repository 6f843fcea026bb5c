using System.Collections.Immutable;
using System.Composition;
using MessagingAnalyzers.Redis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MessagingAnalyzers.CodeFixes.Redis
{
    /// <summary>MSG3007: replace an infinite lock expiry with a finite one (<c>TimeSpan.FromSeconds(30)</c>).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnsafeLockCodeFix)), Shared]
    public sealed class UnsafeLockCodeFix : SemanticCodeFix
    {
        public const string EquivalenceKey = "MSG3007.FiniteExpiry";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnsafeLock);

        private protected override void RegisterFix(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root, SemanticModel model)
        {
            if (!diagnostic.Properties.TryGetValue(UnsafeLockAnalyzer.FixProperty, out var fix) || fix != UnsafeLockAnalyzer.FiniteExpiry
                || diagnostic.AdditionalLocations.Count == 0
                || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax expiry
                || model.Compilation.GetTypeByMetadataName("System.TimeSpan") is not { } timeSpan)
            {
                return;
            }

            var finite = SyntaxFactory.ParseExpression(timeSpan.ToMinimalDisplayString(model, expiry.SpanStart) + ".FromSeconds(30)").WithTriviaFrom(expiry);
            context.RegisterCodeFix(
                CodeAction.Create("Use a finite lock expiry (30 seconds)", ct => SyntaxHelpers.ReplaceNodeAsync(context.Document, expiry, finite, ct), EquivalenceKey),
                diagnostic);
        }
    }
}
