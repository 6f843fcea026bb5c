using System.Collections.Immutable;
using System.Composition;
using MessagingAnalyzers.Kafka;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MessagingAnalyzers.CodeFixes.Kafka
{
    /// <summary>MSG2009: <c>Acks.All</c> (or <c>"all"</c>) for weak acks; <c>true</c> (or <c>"true"</c>) for idempotence and delivery reports.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WeakProducerDurabilityCodeFix)), Shared]
    public sealed class WeakProducerDurabilityCodeFix : SemanticCodeFix
    {
        public const string EquivalenceKey = "MSG2009.Fix";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.WeakProducerDurability);

        private protected override void RegisterFix(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root, SemanticModel model)
        {
            if (diagnostic.AdditionalLocations.Count == 0
                || !diagnostic.Properties.TryGetValue(WeakProducerDurabilityAnalyzer.FixProperty, out var fix)
                || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax value)
            {
                return;
            }

            var type = model.GetTypeInfo(value, context.CancellationToken).Type;
            ExpressionSyntax? replacement = (fix, type?.SpecialType, type?.TypeKind) switch
            {
                (WeakProducerDurabilityAnalyzer.FixAcksAll, _, TypeKind.Enum) => SyntaxFactory.ParseExpression(type!.ToMinimalDisplayString(model, value.SpanStart) + ".All"),
                (WeakProducerDurabilityAnalyzer.FixAcksAll, SpecialType.System_String, _) => SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal("all")),
                (WeakProducerDurabilityAnalyzer.FixTrue, SpecialType.System_Boolean, _) => SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression),
                (WeakProducerDurabilityAnalyzer.FixTrue, SpecialType.System_String, _) => SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal("true")),
                _ => null,
            };

            if (replacement is null)
            {
                return;
            }

            var title = fix == WeakProducerDurabilityAnalyzer.FixAcksAll ? "Use acks=all" : "Set it to true";
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => SyntaxHelpers.ReplaceNodeAsync(context.Document, value, replacement.WithTriviaFrom(value), ct), EquivalenceKey),
                diagnostic);
        }
    }
}
