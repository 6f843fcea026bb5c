using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;

namespace MessagingAnalyzers.CodeFixes.Kafka
{
    /// <summary>MSG2008: add <c>EnableAutoOffsetStore = false</c> to the consumer's config creation.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(StoreOffsetWithAutoStoreEnabledCodeFix)), Shared]
    public sealed class StoreOffsetWithAutoStoreEnabledCodeFix : SyntaxCodeFix
    {
        public const string EquivalenceKey = "MSG2008.DisableAutoOffsetStore";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.StoreOffsetWithAutoStoreEnabled);

        private protected override void RegisterFix(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root)
        {
            if (diagnostic.AdditionalLocations.Count == 0 || diagnostic.AdditionalLocations[0].SourceTree != root.SyntaxTree)
            {
                return;
            }

            var creation = root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true);
            var updated = ConfigSyntax.WithSetting(creation, "EnableAutoOffsetStore", KafkaConfigKeys.EnableAutoOffsetStore, value: false);
            if (updated is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Set EnableAutoOffsetStore = false", ct => SyntaxHelpers.ReplaceNodeAsync(context.Document, creation, updated, ct), EquivalenceKey),
                    diagnostic);
            }
        }
    }
}
