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
    /// MSG1001: write the message to a capped Redis Stream on the same multiplexer (<c>StreamAdd</c> with MAXLEN ~,
    /// and a comment that subscribers must move to a consumer group); or write it to the stream and keep the publish as
    /// a wake-up; or, when a Kafka producer is in scope, produce it to Kafka.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RedisPubSubAsDurableEventLogCodeFix)), Shared]
    public sealed class RedisPubSubAsDurableEventLogCodeFix : MessagingCodeFix
    {
        public const string StreamKey = "MSG1001.RedisStream";
        public const string KafkaKey = "MSG1001.Kafka";
        public const string StreamAndWakeUpKey = "MSG1001.RedisStreamAndWakeUp";

        /// <summary>The cap the stream fixes write (MAXLEN ~), so that MSG3005 does not fire on the fixed code.</summary>
        public const string StreamCap = "100_000";

        private const string ReplacedComment = "// The stream keeps the last ~100,000 messages (MAXLEN ~). Subscribers of the channel receive nothing now: they must read the stream with a consumer group (StreamReadGroup, StreamAcknowledge).";

        private const string WakeUpComment = "// The stream keeps the message (the last ~100,000, MAXLEN ~); the publish only wakes subscribers, who read the stream from the last entry they processed.";

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

                // The stream fixes need the publish's value (the receiver count) to be unused: StreamAdd returns an entry id.
                if (Anchor(syntax, model, context.CancellationToken) is { } anchor)
                {
                    var stream = CreateStreamAdd(redis, publish, channel.Value, message.Value, publish.TargetMethod.Name == "PublishAsync");
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Write to a capped Redis Stream (StreamAdd) instead of publishing",
                            ct => ReplaceWithStreamAsync(context.Document, syntax, stream, anchor, ct),
                            StreamKey),
                        diagnostic);

                    if (anchor is ExpressionStatementSyntax { Parent: BlockSyntax } statement)
                    {
                        context.RegisterCodeFix(
                            CodeAction.Create(
                                "Write to a capped Redis Stream and keep the publish as a wake-up",
                                ct => AddStreamBeforeAsync(context.Document, statement, CreateStreamAdd(redis, publish, channel.Value, message.Value, SyntaxHelpers.IsInAsyncFunction(syntax)), ct),
                                StreamAndWakeUpKey),
                            diagnostic);
                    }
                }

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

        /// <summary>
        /// Where the fix's comment goes, when the publish's value is unused: its statement (<c>Publish(...);</c>,
        /// <c>await PublishAsync(...);</c>), or the publish itself (with its await) where it starts the body of a void
        /// or Task-returning expression-bodied member. Null when the value is used (<c>var n = Publish(...)</c>).
        /// </summary>
        private static SyntaxNode? Anchor(InvocationExpressionSyntax syntax, SemanticModel model, CancellationToken cancellationToken)
        {
            SyntaxNode outer = syntax;
            if (outer.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Parent: InvocationExpressionSyntax configure })
            {
                outer = configure;
            }

            if (outer.Parent is AwaitExpressionSyntax awaited)
            {
                outer = awaited;
            }

            if (outer.Parent is ExpressionStatementSyntax statement)
            {
                return statement;
            }

            if (outer.Parent is ArrowExpressionClauseSyntax arrow
                && model.GetEnclosingSymbol(arrow.SpanStart, cancellationToken) is IMethodSymbol method
                && (method.ReturnsVoid || (outer == syntax && method.ReturnType is INamedTypeSymbol { Arity: 0, Name: "Task" or "ValueTask" }) || (outer is AwaitExpressionSyntax && method.IsAsync && method.ReturnType is INamedTypeSymbol { Arity: 0 })))
            {
                return outer;
            }

            return null;
        }

        private static async Task<Document> ReplaceWithStreamAsync(Document document, InvocationExpressionSyntax publish, InvocationExpressionSyntax stream, SyntaxNode anchor, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var replaced = anchor.ReplaceNode(publish, stream);
            replaced = replaced.WithLeadingTrivia(WithComment(anchor, ReplacedComment));
            return document.WithSyntaxRoot(root.ReplaceNode(anchor, replaced));
        }

        private static async Task<Document> AddStreamBeforeAsync(Document document, ExpressionStatementSyntax statement, InvocationExpressionSyntax stream, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            ExpressionSyntax write = stream.WithoutTrivia();
            if (stream.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "StreamAddAsync" })
            {
                write = SyntaxFactory.AwaitExpression(write);
            }

            var added = SyntaxFactory.ExpressionStatement(write)
                .WithLeadingTrivia(WithComment(statement, WakeUpComment))
                .WithTrailingTrivia(SyntaxFactory.EndOfLine(SyntaxHelpers.GetNewLine(statement)));
            var kept = statement.WithLeadingTrivia(SyntaxFactory.Whitespace(SyntaxHelpers.GetIndentation(statement)));
            return document.WithSyntaxRoot(root.ReplaceNode(statement, new SyntaxNode[] { added, kept }));
        }

        /// <summary>The node's leading trivia followed by <paramref name="comment"/> on a line of its own, at the node's indentation.</summary>
        private static SyntaxTriviaList WithComment(SyntaxNode node, string comment)
        {
            var indent = SyntaxHelpers.GetIndentation(node);
            return node.GetLeadingTrivia()
                .Add(SyntaxFactory.Comment(comment))
                .Add(SyntaxFactory.EndOfLine(SyntaxHelpers.GetNewLine(node)))
                .Add(SyntaxFactory.Whitespace(indent));
        }

        private static InvocationExpressionSyntax CreateStreamAdd(RedisLibrary redis, IInvocationOperation publish, IOperation channel, IOperation message, bool isAsync)
        {
            var database = RedisSyntax.DatabaseFor(publish.Instance!.SkipConversions(), redis.IsDatabase(publish.TargetMethod.ContainingType));

            var arguments = new List<ArgumentSyntax>
            {
                SyntaxFactory.Argument(RedisSyntax.ChannelName(channel)),
                SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(StreamField))),
                SyntaxFactory.Argument((ExpressionSyntax)message.SkipConversions().Syntax.WithoutTrivia()),
                SyntaxFactory.Argument(SyntaxFactory.ParseExpression(StreamCap)).WithNameColon(SyntaxFactory.NameColon("maxLength")),
                SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression)).WithNameColon(SyntaxFactory.NameColon("useApproximateMaxLength")),
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
