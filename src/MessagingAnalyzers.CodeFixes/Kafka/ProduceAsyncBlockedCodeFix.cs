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
using Microsoft.CodeAnalysis.Simplification;

namespace MessagingAnalyzers.CodeFixes.Kafka
{
    /// <summary>
    /// MSG2001: in async code, <c>await</c> the task instead of blocking; in synchronous code where the
    /// result is not used, call <c>Produce</c> with a delivery handler.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ProduceAsyncBlockedCodeFix)), Shared]
    public sealed class ProduceAsyncBlockedCodeFix : SyntaxCodeFix
    {
        /// <summary>
        /// One key for both actions: a diagnostic gets either the await (async code) or the Produce action
        /// (sync code), never both, so Fix All (and dotnet format) fixes every blocking call the right way.
        /// </summary>
        public const string EquivalenceKey = "MSG2001.Fix";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ProduceAsyncBlocked);

        private protected override void RegisterFix(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root)
        {
            if (diagnostic.AdditionalLocations.Count == 0
                || !diagnostic.Properties.TryGetValue(ProduceAsyncBlockedAnalyzer.KindProperty, out var kindText)
                || !System.Enum.TryParse<BlockingKind>(kindText, out var kind))
            {
                return;
            }

            var blocking = root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true);
            var produce = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) as InvocationExpressionSyntax;
            if (blocking is not ExpressionSyntax blockingExpression || produce is null)
            {
                return;
            }

            if (SyntaxHelpers.IsInAsyncFunction(blocking))
            {
                var awaited = CreateAwait(blockingExpression, kind);
                if (awaited is not null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Await the ProduceAsync task",
                            ct => SyntaxHelpers.ReplaceNodeAsync(context.Document, blockingExpression, awaited, ct),
                            EquivalenceKey),
                        diagnostic);
                }

                return;
            }

            var statement = GetDiscardingStatement(blockingExpression);
            if (statement is not null
                && produce.Expression is MemberAccessExpressionSyntax { Expression: var producer }
                && !IsDisposedInTheFunction(producer, produce)
                && ReferenceEquals(SyntaxHelpers.StripConfigureAwait(GetBlockedTask(blockingExpression, kind) ?? blockingExpression), produce))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Use Produce with a delivery handler",
                        ct => KafkaSyntax.ReplaceWithProduceAsync(context.Document, statement, produce, ct),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        /// <summary>The task expression that the blocking expression waits on.</summary>
        private static ExpressionSyntax? GetBlockedTask(ExpressionSyntax blocking, BlockingKind kind)
        {
            return (kind, blocking) switch
            {
                (BlockingKind.Result, MemberAccessExpressionSyntax access) => access.Expression,
                (BlockingKind.Wait, InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access, ArgumentList.Arguments.Count: 0 }) => access.Expression,
                (BlockingKind.GetResult, InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax getAwaiter } } }) => getAwaiter.Expression,
                _ => null,
            };
        }

        private static ExpressionSyntax? CreateAwait(ExpressionSyntax blocking, BlockingKind kind)
        {
            if (kind == BlockingKind.WaitAll)
            {
                // Task.WaitAll(a, b); -> await Task.WhenAll(a, b);  (WaitAny returns an index: no mechanical fix)
                if (blocking is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "WaitAll" } access } invocation
                    && blocking.Parent is ExpressionStatementSyntax)
                {
                    var whenAll = invocation.WithExpression(access.WithName(SyntaxFactory.IdentifierName("WhenAll")));
                    return SyntaxFactory.AwaitExpression(whenAll.WithoutLeadingTrivia()).WithTriviaFrom(blocking);
                }

                return null;
            }

            var task = GetBlockedTask(blocking, kind);
            if (task is null)
            {
                return null;
            }

            var await = SyntaxFactory.AwaitExpression(task.WithoutTrivia());
            return SyntaxFactory.ParenthesizedExpression(await)
                .WithTriviaFrom(blocking)
                .WithAdditionalAnnotations(Simplifier.Annotation);
        }

        /// <summary>
        /// <c>x.Wait();</c>, <c>x.GetAwaiter().GetResult();</c> or <c>_ = x.Result;</c>: the result is not used. Also the
        /// body of a void expression-bodied method or local function (<c>void Send() =&gt; x.Wait();</c>): the expression itself.
        /// </summary>
        private static SyntaxNode? GetDiscardingStatement(ExpressionSyntax blocking)
        {
            var parent = blocking.Parent;
            if (parent is ExpressionStatementSyntax statement)
            {
                return statement;
            }

            if (parent is ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax { ReturnType: PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword } } or LocalFunctionStatementSyntax { ReturnType: PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword } } })
            {
                return blocking;
            }

            if (parent is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" } } assignment
                && assignment.Right == blocking
                && assignment.Parent is ExpressionStatementSyntax discard)
            {
                return discard;
            }

            return null;
        }

        /// <summary>
        /// The producer is a local that the function disposes (<c>using var producer = ...</c>, a using statement, or a
        /// Dispose call): Produce without waiting would leave the message queued when it is disposed, so the blocking
        /// call is the only thing delivering it. No Produce fix there.
        /// </summary>
        private static bool IsDisposedInTheFunction(ExpressionSyntax producer, SyntaxNode at)
        {
            if (producer is not IdentifierNameSyntax name || SyntaxHelpers.GetEnclosingFunction(at) is not { } function)
            {
                return false;
            }

            var local = name.Identifier.ValueText;
            foreach (var node in function.DescendantNodes())
            {
                switch (node)
                {
                    case LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.UsingKeyword } declaration
                        when declaration.Declaration.Variables.Any(v => v.Identifier.ValueText == local):
                    case UsingStatementSyntax { Declaration: { } usingDeclaration }
                        when usingDeclaration.Variables.Any(v => v.Identifier.ValueText == local):
                    case UsingStatementSyntax { Expression: IdentifierNameSyntax used } when used.Identifier.ValueText == local:
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Dispose", Expression: IdentifierNameSyntax disposed } }
                        when disposed.Identifier.ValueText == local:
                        return true;
                }
            }

            return false;
        }
    }
}
