using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.CodeFixes.Design
{
    /// <summary>
    /// MSG1001: write the message to a Redis Stream on the same multiplexer (<c>StreamAdd</c>), or, when a
    /// Kafka producer is in scope, produce it to Kafka.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RedisPubSubAsDurableEventLogCodeFix)), Shared]
    public sealed class RedisPubSubAsDurableEventLogCodeFix : MessagingCodeFix
    {
        public const string StreamKey = "MSG1001.RedisStream";
        public const string KafkaKey = "MSG1001.Kafka";

        /// <summary>Field name of the stream entry that carries the published message.</summary>
        public const string StreamField = "payload";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.RedisPubSubAsDurableEventLog);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            var redis = model is null ? null : RedisLibrary.TryCreate(model.Compilation);
            if (root is null || model is null || redis is null)
            {
                return;
            }

            var kafka = KafkaLibrary.TryCreate(model.Compilation);

            foreach (var diagnostic in context.Diagnostics)
            {
                if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax syntax
                    || model.GetOperation(syntax, context.CancellationToken) is not IInvocationOperation publish
                    || publish.Instance is null
                    || publish.GetArgument("channel") is not { } channel
                    || publish.GetArgument("message") is not { } message)
                {
                    continue;
                }

                var stream = CreateStreamAdd(redis, publish, channel.Value, message.Value);
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Write to a Redis Stream (StreamAdd) instead of publishing",
                        ct => SyntaxHelpers.ReplaceNodeAsync(context.Document, syntax, stream, ct),
                        StreamKey),
                    diagnostic);

                var produce = kafka is null ? null : CreateProduce(kafka, model, publish, syntax, channel.Value, message.Value);
                if (produce is not null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            $"Produce to Kafka with '{produce.Value.ProducerName}' instead of publishing",
                            ct => SyntaxHelpers.ReplaceNodeAsync(context.Document, produce.Value.Target, produce.Value.Replacement, ct),
                            KafkaKey),
                        diagnostic);
                }
            }
        }

        private static InvocationExpressionSyntax CreateStreamAdd(RedisLibrary redis, IInvocationOperation publish, IOperation channel, IOperation message)
        {
            var isAsync = publish.TargetMethod.Name == "PublishAsync";
            var database = RedisSyntax.DatabaseFor(publish.Instance!.SkipConversions(), redis.IsDatabase(publish.TargetMethod.ContainingType));

            var arguments = new List<ArgumentSyntax>
            {
                SyntaxFactory.Argument(RedisSyntax.ChannelName(channel)),
                SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(StreamField))),
                SyntaxFactory.Argument((ExpressionSyntax)message.SkipConversions().Syntax.WithoutTrivia()),
            };
            if (publish.GetArgument("flags") is { IsImplicit: false } flags)
            {
                arguments.Add(SyntaxFactory.Argument((ExpressionSyntax)flags.Value.Syntax.WithoutTrivia())
                    .WithNameColon(SyntaxFactory.NameColon("flags")));
            }

            return SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(
                        SyntaxKind.SimpleMemberAccessExpression,
                        database,
                        SyntaxFactory.IdentifierName(isAsync ? "StreamAddAsync" : "StreamAdd")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)))
                .WithTriviaFrom(publish.Syntax);
        }

        /// <summary>
        /// <c>await producer.ProduceAsync(topic, new Message&lt;K, V&gt; { Value = payload })</c> when a producer whose
        /// value type accepts the payload is in scope and the call can be awaited; in synchronous code, for a
        /// Publish statement, <c>producer.Produce(..., deliveryHandler)</c>.
        /// </summary>
        private static (string ProducerName, SyntaxNode Target, SyntaxNode Replacement)? CreateProduce(
            KafkaLibrary kafka, SemanticModel model, IInvocationOperation publish, InvocationExpressionSyntax syntax, IOperation channel, IOperation message)
        {
            var payload = message.SkipConversions();
            var producer = payload.Type is null || kafka.Message is null
                ? null
                : KafkaSyntax.FindProducerInScope(kafka, model, syntax.SpanStart, p => model.Compilation.ClassifyConversion(payload.Type, p.TypeArguments[1]).IsImplicit);
            if (producer is null)
            {
                return null;
            }

            var (symbol, producerType) = producer.Value;
            var messageType = kafka.Message!.Construct(producerType.TypeArguments[0], producerType.TypeArguments[1]);
            var messageCreation = SyntaxFactory.ParseExpression(
                "new " + messageType.ToMinimalDisplayString(model, syntax.SpanStart) + " { Value = " + payload.Syntax.WithoutTrivia().ToFullString() + " }");
            var topic = RedisSyntax.ChannelName(channel);
            var receiver = SyntaxFactory.IdentifierName(symbol.Name);

            var awaited = syntax.Parent is AwaitExpressionSyntax
                || (syntax.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } && syntax.Parent.Parent?.Parent is AwaitExpressionSyntax);
            var isStatement = syntax.Parent is ExpressionStatementSyntax;
            var inAsync = SyntaxHelpers.IsInAsyncFunction(syntax);

            if (awaited || (inAsync && isStatement && publish.TargetMethod.Name == "Publish"))
            {
                var produceAsync = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName("ProduceAsync")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[] { SyntaxFactory.Argument(topic), SyntaxFactory.Argument(messageCreation) })));
                var replacement = awaited
                    ? (ExpressionSyntax)produceAsync
                    : SyntaxFactory.AwaitExpression(produceAsync);
                return (symbol.Name, syntax, replacement.WithTriviaFrom(syntax));
            }

            if (!inAsync && isStatement && publish.TargetMethod.Name == "Publish")
            {
                var handler = KafkaSyntax.DeliveryHandler(model, SyntaxHelpers.UniqueName(model, syntax.SpanStart, "report"), syntax.Parent!);
                var produce = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName("Produce")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[] { SyntaxFactory.Argument(topic), SyntaxFactory.Argument(messageCreation), SyntaxFactory.Argument(handler) })));
                return (symbol.Name, syntax, produce.WithTriviaFrom(syntax));
            }

            return null;
        }
    }
}
