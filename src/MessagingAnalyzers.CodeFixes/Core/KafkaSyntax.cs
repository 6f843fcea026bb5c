using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MessagingAnalyzers.CodeFixes
{
    /// <summary>Confluent.Kafka code that the fixes write.</summary>
    internal static class KafkaSyntax
    {
        /// <summary>
        /// A delivery handler that reports failed deliveries instead of dropping them silently:
        /// <c>report =&gt; { if (report.Error.IsError) logger.LogError(...); }</c> (Trace.TraceError without an ILogger in scope), laid out for a
        /// statement indented with <paramref name="indent"/>.
        /// </summary>
        public static ExpressionSyntax DeliveryHandler(SemanticModel model, string parameterName, SyntaxNode statement) =>
            SyntaxFactory.ParseExpression(DeliveryHandlerText(model, statement.SpanStart, parameterName, SyntaxHelpers.GetIndentation(statement), SyntaxHelpers.GetNewLine(statement)));

        /// <summary>The text of <see cref="DeliveryHandler"/>, its braces at <paramref name="indent"/>.</summary>
        public static string DeliveryHandlerText(SemanticModel model, int position, string parameterName, string indent, string nl)
        {
            var p = parameterName;
            return
                p + " =>" + nl +
                indent + "{" + nl +
                indent + "    if (" + p + ".Error.IsError)" + nl +
                indent + "    {" + nl +
                indent + "        " + SyntaxHelpers.ErrorLog(model, position, null, "Kafka delivery to {TopicPartition} failed: {Reason}", p + ".TopicPartition", p + ".Error.Reason") + nl +
                indent + "    }" + nl +
                indent + "}";
        }

        /// <summary>
        /// A field, property, parameter or (already declared) local of type IProducer&lt;K, V&gt; visible at
        /// <paramref name="position"/> that <paramref name="accept"/> accepts, with its producer type.
        /// </summary>
        public static (ISymbol Symbol, INamedTypeSymbol Producer)? FindProducerInScope(KafkaLibrary kafka, SemanticModel model, int position, System.Func<INamedTypeSymbol, bool> accept)
        {
            foreach (var symbol in model.LookupSymbols(position))
            {
                var type = symbol switch
                {
                    IFieldSymbol f => f.Type,
                    IPropertySymbol p => p.Type,
                    IParameterSymbol p => p.Type,
                    ILocalSymbol l when l.DeclaringSyntaxReferences.All(r => r.Span.End < position) => l.Type,
                    _ => null,
                };

                var producer = kafka.AsProducer(type);
                if (producer is { TypeArguments.Length: 2 } && accept(producer))
                {
                    return (symbol, producer);
                }
            }

            return null;
        }

        /// <summary>
        /// Replaces <paramref name="statement"/> (which only waits for or discards <paramref name="produceAsync"/>; a
        /// statement, or the expression body of a void member) with <c>producer.Produce(topic, message, deliveryHandler)</c>.
        /// A CancellationToken argument is dropped.
        /// </summary>
        public static async Task<Document> ReplaceWithProduceAsync(Document document, SyntaxNode statement, InvocationExpressionSyntax produceAsync, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null || produceAsync.Expression is not MemberAccessExpressionSyntax access)
            {
                return document;
            }

            var parameter = SyntaxHelpers.UniqueName(model, statement.SpanStart, "report");
            var arguments = produceAsync.ArgumentList.Arguments
                .Where(a => model.GetTypeInfo(a.Expression, cancellationToken).Type is not { Name: "CancellationToken" })
                .Select(a => a.WithoutTrivia())
                .ToList();
            arguments.Add(SyntaxFactory.Argument(DeliveryHandler(model, parameter, statement)));

            var produce = SyntaxFactory.InvocationExpression(
                access.WithName(SyntaxFactory.IdentifierName("Produce")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)));
            SyntaxNode replacement = statement is StatementSyntax
                ? SyntaxFactory.ExpressionStatement(produce).WithTriviaFrom(statement)
                : produce.WithTriviaFrom(statement);
            return document.WithSyntaxRoot(root.ReplaceNode(statement, replacement));
        }
    }
}
