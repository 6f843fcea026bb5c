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

namespace MessagingAnalyzers.CodeFixes.Redis
{
    /// <summary>
    /// MSG3006: replace the increment and its KeyExpire with one Lua script through ScriptEvaluate (KEYS[1] the key,
    /// ARGV[1] the increment, ARGV[2] the TTL in milliseconds). An unconditional KeyExpire becomes PEXPIRE on every
    /// call (sliding window); a KeyExpire under an <c>if</c> becomes PEXPIRE when the key has no TTL yet (fixed window).
    /// Offered for StringIncrement/StringDecrement whose KeyExpire is a statement with a TimeSpan whose values
    /// are already available at the increment.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NonAtomicIncrementExpireCodeFix)), Shared]
    public sealed class NonAtomicIncrementExpireCodeFix : SemanticCodeFix
    {
        public const string EquivalenceKey = "MSG3006.LuaScript";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.NonAtomicIncrementExpire);

        private protected override void RegisterFix(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root, SemanticModel model)
        {
            if (diagnostic.AdditionalLocations.Count == 0)
            {
                return;
            }

            var plan = Plan(root, model, diagnostic, context.CancellationToken);
            if (plan is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Increment and expire in one Lua script", ct => Task.FromResult(context.Document.WithSyntaxRoot(plan(ct))), EquivalenceKey),
                    diagnostic);
            }
        }

        private static System.Func<CancellationToken, SyntaxNode>? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax incrementAccess } increment
                || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax } expire
                || increment.ArgumentList.Arguments.Count is < 1 or > 2
                || expire.ArgumentList.Arguments.Count != 2)
            {
                return null;
            }

            var name = incrementAccess.Name.Identifier.ValueText;
            var command = name.StartsWith("StringIncrement", System.StringComparison.Ordinal) ? "INCRBY"
                : name.StartsWith("StringDecrement", System.StringComparison.Ordinal) ? "DECRBY"
                : null;
            var ttl = expire.ArgumentList.Arguments[1].Expression;
            if (command is null || model.GetTypeInfo(ttl, cancellationToken).Type?.Name is not ("TimeSpan" or "Nullable"))
            {
                return null;
            }

            if (model.GetTypeInfo(ttl, cancellationToken).Type is INamedTypeSymbol { Name: "Nullable" } nullable && nullable.TypeArguments[0].Name != "TimeSpan")
            {
                return null;
            }

            // The TTL must not depend on locals declared after the increment.
            foreach (var identifier in ttl.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            {
                if (model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol local
                    && local.DeclaringSyntaxReferences.Any(r => r.Span.Start > increment.SpanStart))
                {
                    return null;
                }
            }

            var removed = ExpireStatement(expire, out var conditional);
            if (removed is null || removed.Contains(increment))
            {
                return null;
            }

            var isAsync = name.EndsWith("Async", System.StringComparison.Ordinal);
            var key = increment.ArgumentList.Arguments[0].Expression.WithoutTrivia();
            var by = increment.ArgumentList.Arguments.Count == 2 ? increment.ArgumentList.Arguments[1].Expression.WithoutTrivia().ToString() : "1";
            var expireLua = conditional
                ? "if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end "
                : "redis.call('PEXPIRE', KEYS[1], ARGV[2]) ";
            var script = $"local count = redis.call('{command}', KEYS[1], ARGV[1]) {expireLua}return count";
            var ttlText = ttl.WithoutTrivia().ToString();
            // A name, member access or call needs no parentheses before .TotalMilliseconds; anything else (an operator) does.
            var simple = ttl is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax;
            var ttlOperand = simple ? ttlText : $"({ttlText})";
            var ttlValue = model.GetTypeInfo(ttl, cancellationToken).Type is INamedTypeSymbol { Name: "Nullable" } ? $"{ttlOperand}!.Value" : ttlOperand;
            var call = $"{incrementAccess.Expression.WithoutTrivia()}.{(isAsync ? "ScriptEvaluateAsync" : "ScriptEvaluate")}(\"{script}\", new RedisKey[] {{ {key} }}, new RedisValue[] {{ {by}, (long){ttlValue}.TotalMilliseconds }})";

            return _ =>
            {
                var awaited = increment.Parent is AwaitExpressionSyntax await ? (ExpressionSyntax)await : increment;
                // The count is cast back to long where it is used; a statement that discards it needs no cast.
                var cast = awaited.Parent is ExpressionStatementSyntax ? string.Empty : "(long)";
                var replacementText = isAsync ? (increment.Parent is AwaitExpressionSyntax ? $"{cast}await {call}" : call) : $"{cast}{call}";
                var replacement = SyntaxFactory.ParseExpression(replacementText).WithTriviaFrom(awaited);
                if (NeedsParentheses(awaited))
                {
                    replacement = SyntaxFactory.ParenthesizedExpression(replacement.WithoutTrivia()).WithTriviaFrom(awaited);
                }

                var newRoot = root.TrackNodes(awaited, removed);
                newRoot = newRoot.ReplaceNode(newRoot.GetCurrentNode(awaited)!, replacement);
                return newRoot.RemoveNode(newRoot.GetCurrentNode(removed)!, SyntaxRemoveOptions.KeepNoTrivia)!;
            };
        }

        private static bool NeedsParentheses(ExpressionSyntax expression) =>
            expression.Parent is MemberAccessExpressionSyntax or BinaryExpressionSyntax or PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax;

        /// <summary>The statement to remove: the KeyExpire statement, or an <c>if</c> whose only statement it is.</summary>
        private static StatementSyntax? ExpireStatement(InvocationExpressionSyntax expire, out bool conditional)
        {
            conditional = false;
            SyntaxNode node = expire.Parent is AwaitExpressionSyntax await ? await : expire;
            if (node.Parent is not ExpressionStatementSyntax statement)
            {
                return null;
            }

            StatementSyntax current = statement;
            if (current.Parent is BlockSyntax { Statements.Count: 1 } block && block.Parent is IfStatementSyntax { Else: null } ifWithBlock)
            {
                conditional = true;
                return ifWithBlock.Parent is BlockSyntax ? ifWithBlock : null;
            }

            if (current.Parent is IfStatementSyntax { Else: null } ifStatement)
            {
                conditional = true;
                return ifStatement.Parent is BlockSyntax ? ifStatement : null;
            }

            return current.Parent is BlockSyntax ? current : null;
        }
    }
}
