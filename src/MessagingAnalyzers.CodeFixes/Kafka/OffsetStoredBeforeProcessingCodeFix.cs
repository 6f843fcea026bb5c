using System.Collections.Immutable;
using System.Composition;
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
    /// MSG2007: <c>EnableAutoOffsetStore = false</c> in the config, and <c>consumer.StoreOffset(result)</c> at the end
    /// of the consume loop's body, after the processing. Offered when the result of Consume is a local declared
    /// in the loop body and the config creation is in the same document.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OffsetStoredBeforeProcessingCodeFix)), Shared]
    public sealed class OffsetStoredBeforeProcessingCodeFix : SyntaxCodeFix
    {
        public const string EquivalenceKey = "MSG2007.StoreAfterProcessing";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.OffsetStoredBeforeProcessing);

        private protected override void RegisterFix(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root)
        {
            if (diagnostic.AdditionalLocations.Count == 0 || diagnostic.AdditionalLocations[0].SourceTree != root.SyntaxTree)
            {
                return;
            }

            var creation = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var consume = root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) as InvocationExpressionSyntax;
            if (consume is not null && Plan(creation, consume) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Store the offset after processing (EnableAutoOffsetStore = false + StoreOffset)",
                        ct => ApplyAsync(context.Document, diagnostic.Location.SourceSpan, diagnostic.AdditionalLocations[0].SourceSpan, ct),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        private static (BaseObjectCreationExpressionSyntax Config, BlockSyntax Body, string Consumer, string Result)? Plan(SyntaxNode creation, InvocationExpressionSyntax consume)
        {
            if (creation is not BaseObjectCreationExpressionSyntax config
                || consume.Expression is not MemberAccessExpressionSyntax access
                || consume.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                || declarator.Parent?.Parent is not LocalDeclarationStatementSyntax { Parent: BlockSyntax body }
                || body.Parent is not (WhileStatementSyntax or ForStatementSyntax or ForEachStatementSyntax or DoStatementSyntax))
            {
                return null;
            }

            return (config, body, access.Expression.ToString(), declarator.Identifier.ValueText);
        }

        private static async Task<Document> ApplyAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan configSpan, Microsoft.CodeAnalysis.Text.TextSpan consumeSpan, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var plan = Plan(root.FindNode(configSpan, getInnermostNodeForTie: true), (InvocationExpressionSyntax)root.FindNode(consumeSpan, getInnermostNodeForTie: true));
            if (plan is null)
            {
                return document;
            }

            var (config, body, consumer, result) = plan.Value;
            var newConfig = ConfigSyntax.WithSetting(config, "EnableAutoOffsetStore", KafkaConfigKeys.EnableAutoOffsetStore, value: false) ?? config;
            var last = body.Statements.Count > 0 ? (SyntaxNode)body.Statements[body.Statements.Count - 1] : body;
            var store = SyntaxFactory.ParseStatement($"{SyntaxHelpers.GetIndentation(last)}{consumer}.StoreOffset({result});{SyntaxHelpers.GetNewLine(body)}");
            root = root.ReplaceNodes(
                new SyntaxNode[] { config, body },
                (original, rewritten) => original == config
                    ? newConfig
                    : ((BlockSyntax)rewritten).WithStatements(((BlockSyntax)rewritten).Statements.Add(store)));
            return document.WithSyntaxRoot(root);
        }
    }
}
