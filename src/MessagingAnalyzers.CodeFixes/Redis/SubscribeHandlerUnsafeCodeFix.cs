using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MessagingAnalyzers.CodeFixes.Redis
{
    /// <summary>
    /// MSG3008: <c>sub.Subscribe(channel, (ch, msg) =&gt; body)</c> →
    /// <c>sub.Subscribe(channel).OnMessage(async message =&gt; { var ch = message.Channel; var msg = message.Message; try { body } catch (Exception ex) { ... } })</c>.
    /// The queue runs the handler in order and awaits it; the try/catch keeps failures visible.
    /// Offered for lambda handlers of Subscribe statements (and awaited SubscribeAsync statements).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SubscribeHandlerUnsafeCodeFix)), Shared]
    public sealed class SubscribeHandlerUnsafeCodeFix : SemanticCodeFix
    {
        public const string EquivalenceKey = "MSG3008.OnMessage";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SubscribeHandlerUnsafe);

        private protected override void RegisterFix(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root, SemanticModel model)
        {
            var handler = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (handler is ArgumentSyntax argument)
            {
                handler = argument.Expression;
            }

            var change = handler is ParenthesizedLambdaExpressionSyntax lambda ? Rewrite(model, lambda) : null;
            if (change is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Subscribe to a queue with OnMessage and catch handler exceptions", ct => SyntaxHelpers.ReplaceNodeAsync(context.Document, change.Value.Old, change.Value.New, ct), EquivalenceKey),
                    diagnostic);
            }
        }

        private static (SyntaxNode Old, SyntaxNode New)? Rewrite(SemanticModel model, ParenthesizedLambdaExpressionSyntax lambda)
        {
            if (lambda.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax arguments } handlerArgument
                || arguments.Parent is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } subscribe
                || lambda.ParameterList.Parameters.Count != 2)
            {
                return null;
            }

            var isAsyncSubscribe = access.Name.Identifier.ValueText == "SubscribeAsync";
            SyntaxNode target = subscribe;
            if (isAsyncSubscribe)
            {
                if (subscribe.Parent is not AwaitExpressionSyntax awaitExpression)
                {
                    return null;
                }

                target = awaitExpression;
            }

            if (target.Parent is not ExpressionStatementSyntax)
            {
                return null;
            }

            var message = SyntaxHelpers.UniqueName(model, lambda.SpanStart, "message", lambda);
            var exception = SyntaxHelpers.UniqueName(model, lambda.SpanStart, "ex", lambda);
            var indent = SyntaxHelpers.GetIndentation(target.Parent!);
            var nl = SyntaxHelpers.GetNewLine(target);
            var inner = indent + "    ";
            var text = new System.Text.StringBuilder();

            var remaining = arguments.Arguments.Remove(handlerArgument);
            ExpressionSyntax queue = subscribe.WithArgumentList(arguments.WithArguments(remaining)).WithoutTrivia();
            text.Append(isAsyncSubscribe ? "(await " + queue + ")" : queue.ToString());
            text.Append(".OnMessage(").Append(lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword) ? "async " : string.Empty).Append(message).Append(" =>").Append(nl);
            text.Append(indent).Append('{').Append(nl);
            var names = new[] { "Channel", "Message" };
            for (var i = 0; i < 2; i++)
            {
                var name = lambda.ParameterList.Parameters[i].Identifier.ValueText;
                if (name != "_" && name != "__")
                {
                    text.Append(inner).Append("var ").Append(name).Append(" = ").Append(message).Append('.').Append(names[i]).Append(';').Append(nl);
                }
            }

            var body = lambda.Block is { } block
                ? string.Concat(block.Statements.Select(st => st.ToFullString()))
                : lambda.Body.WithoutTrivia() + ";";
            var exceptionType = model.LookupNamespacesAndTypes(lambda.SpanStart, name: "Exception").IsEmpty ? "System.Exception" : "Exception";
            text.Append(inner).Append("try").Append(nl)
                .Append(inner).Append('{').Append(nl)
                .Append(SyntaxHelpers.Reindent(body.TrimEnd(), inner + "    ", nl)).Append(nl)
                .Append(inner).Append('}').Append(nl)
                .Append(inner).Append("catch (").Append(exceptionType).Append(' ').Append(exception).Append(')').Append(nl)
                .Append(inner).Append('{').Append(nl)
                .Append(inner).Append("    ").Append(SyntaxHelpers.ErrorLog(model, lambda.SpanStart, exception, "Handler for {Channel} failed", message + ".Channel")).Append(nl)
                .Append(inner).Append('}').Append(nl)
                .Append(indent).Append("})");

            var onMessage = SyntaxFactory.ParseExpression(text.ToString()).WithTriviaFrom(target);
            return (target, onMessage);
        }
    }
}
