using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MessagingAnalyzers.Kafka;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MessagingAnalyzers.CodeFixes.Kafka
{
    /// <summary>
    /// MSG2011: wrap the Consume statement of the loop in
    /// <c>try { ... } catch (ConsumeException e) when (!e.Error.IsFatal) { dead-letter e.ConsumerRecord; continue; }</c>.
    /// Log-and-skip is all the rule asks for; the filter lets a fatal error (the consumer is unusable) still end the
    /// loop rather than spin on it. The raw record goes to <c>&lt;topic&gt;.dlq</c> through an
    /// <c>IProducer&lt;byte[], byte[]&gt;</c> in scope; without one, the skipped message is traced.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ConsumeErrorsUnhandledCodeFix)), Shared]
    public sealed class ConsumeErrorsUnhandledCodeFix : SyntaxCodeFix
    {
        public const string EquivalenceKey = "MSG2011.Catch";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ConsumeErrorsUnhandled);

        private protected override void RegisterFix(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root)
        {
            if (!diagnostic.Properties.TryGetValue(ConsumeErrorsUnhandledAnalyzer.ProblemProperty, out var problem)
                || problem != ConsumeErrorsUnhandledAnalyzer.Unhandled
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax consume
                || Statement(consume) is null)
            {
                return;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Catch ConsumeException in the loop: dead-letter or log the record and continue",
                    ct => WrapAsync(context.Document, diagnostic.Location.SourceSpan, ct),
                    EquivalenceKey),
                diagnostic);
        }

        /// <summary>The Consume statement, directly in a loop body block: <c>var r = c.Consume(..);</c>, <c>r = c.Consume(..);</c> or <c>c.Consume(..);</c>.</summary>
        private static StatementSyntax? Statement(InvocationExpressionSyntax consume)
        {
            StatementSyntax? statement = consume.Parent switch
            {
                EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax local } } } => local,
                AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax assigned } => assigned,
                ExpressionStatementSyntax plain => plain,
                _ => null,
            };

            return statement is { Parent: BlockSyntax { Parent: WhileStatementSyntax or ForStatementSyntax or ForEachStatementSyntax or DoStatementSyntax } }
                ? statement
                : null;
        }

        private static async Task<Document> WrapAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan span, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null || root.FindNode(span, getInnermostNodeForTie: true) is not InvocationExpressionSyntax consume
                || Statement(consume) is not { } statement || statement.Parent is not BlockSyntax block)
            {
                return document;
            }

            var kafka = KafkaLibrary.TryCreate(model.Compilation);
            var indent = SyntaxHelpers.GetIndentation(statement);
            var nl = SyntaxHelpers.GetNewLine(statement);
            var e = SyntaxHelpers.UniqueName(model, statement.SpanStart, "e");

            string declaration = string.Empty;
            string body;
            if (statement is LocalDeclarationStatementSyntax local)
            {
                var variable = local.Declaration.Variables[0];
                var type = model.GetTypeInfo(consume, cancellationToken).Type;
                var typeName = type is null ? "var" : type.ToMinimalDisplayString(model, statement.SpanStart);
                declaration = indent + typeName + " " + variable.Identifier.ValueText + ";" + nl;
                body = variable.Identifier.ValueText + " = " + consume.WithoutTrivia() + ";";
            }
            else
            {
                body = statement.WithoutTrivia().ToString();
            }

            var byteArray = model.Compilation.CreateArrayTypeSymbol(model.Compilation.GetSpecialType(SpecialType.System_Byte));
            var dlq = kafka is null ? null : KafkaSyntax.FindProducerInScope(kafka, model, statement.SpanStart, p =>
                SymbolEqualityComparer.Default.Equals(p.TypeArguments[0], byteArray) && SymbolEqualityComparer.Default.Equals(p.TypeArguments[1], byteArray));
            var message = kafka?.Message is null ? "Message<byte[], byte[]>" : kafka.Message.Construct(byteArray, byteArray).ToMinimalDisplayString(model, statement.SpanStart);
            var handling = dlq is null
                ? $"{indent}    {SyntaxHelpers.ErrorLog(model, statement.SpanStart, null, "Skipping the message at {TopicPartitionOffset}: {Reason}", e + ".ConsumerRecord.TopicPartitionOffset", e + ".Error.Reason")}{nl}"
                : $"{indent}    {dlq.Value.Symbol.Name}.Produce({e}.ConsumerRecord.Topic + \".dlq\", new {message} {{ Key = {e}.ConsumerRecord.Message.Key, Value = {e}.ConsumerRecord.Message.Value, Headers = {e}.ConsumerRecord.Message.Headers }}, "
                    + KafkaSyntax.DeliveryHandlerText(model, statement.SpanStart, SyntaxHelpers.UniqueName(model, statement.SpanStart, "report"), indent + "    ", nl) + ");" + nl;

            var text =
                declaration +
                indent + "try" + nl +
                indent + "{" + nl +
                indent + "    " + body + nl +
                indent + "}" + nl +
                indent + "catch (ConsumeException " + e + ") when (!" + e + ".Error.IsFatal)" + nl +
                indent + "{" + nl +
                indent + (dlq is null
                    ? "    // A message that cannot be consumed (e.g. it does not deserialize): log it and move on." + nl
                    : "    // A message that cannot be consumed (e.g. it does not deserialize): keep its raw bytes in the dead-letter topic and move on." + nl) +
                handling +
                indent + "    continue;" + nl +
                indent + "}" + nl;
            var parsed = SyntaxFactory.ParseSyntaxTree("class C { void M() {" + nl + text + "} }", (Microsoft.CodeAnalysis.CSharp.CSharpParseOptions?)statement.SyntaxTree.Options)
                .GetRoot(cancellationToken).DescendantNodes().OfType<BlockSyntax>().First().Statements;
            // The first new statement keeps the comments and blank lines that stood before the original one.
            var replacement = parsed.Select((s, i) => i == 0 ? s.WithLeadingTrivia(statement.GetLeadingTrivia()) : s);
            var index = block.Statements.IndexOf(statement);
            var statements = block.Statements.RemoveAt(index).InsertRange(index, replacement);
            return document.WithSyntaxRoot(root.ReplaceNode(block, block.WithStatements(statements)));
        }
    }
}
