using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;

namespace MessagingAnalyzers.CodeFixes.Kafka
{
    /// <summary>MSG2008: add <c>EnableAutoOffsetStore = false</c> to the consumer's config creation.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(StoreOffsetWithAutoStoreEnabledCodeFix)), Shared]
    public sealed class StoreOffsetWithAutoStoreEnabledCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "MSG2008.DisableAutoOffsetStore";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.StoreOffsetWithAutoStoreEnabled);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (diagnostic.AdditionalLocations.Count == 0 || diagnostic.AdditionalLocations[0].SourceTree != root.SyntaxTree)
                {
                    continue;
                }

                var creation = root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true);
                var updated = ConfigSyntax.WithSetting(creation, "EnableAutoOffsetStore", SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression));
                if (updated is not null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Set EnableAutoOffsetStore = false", ct => SyntaxHelpers.ReplaceNodeAsync(context.Document, creation, updated, ct), EquivalenceKey),
                        diagnostic);
                }
            }
        }
    }
}
