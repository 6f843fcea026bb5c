using System;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading.Tasks;
using MessagingAnalyzers.Redis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MessagingAnalyzers.CodeFixes.Redis
{
    /// <summary>
    /// MSG3009: add an expiry to <c>StringSet(key, value)</c>: <c>TimeSpan.FromSeconds(n)</c> from the
    /// <c>MSG3009.default_ttl</c> option (a TimeSpan such as <c>00:10:00</c>; 10 minutes when not set).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CacheEntryWithoutExpiryCodeFix)), Shared]
    public sealed class CacheEntryWithoutExpiryCodeFix : MessagingCodeFix
    {
        public const string EquivalenceKey = "MSG3009.AddExpiry";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.CacheEntryWithoutExpiry);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null || model.Compilation.GetTypeByMetadataName("System.TimeSpan") is not { } timeSpan)
            {
                return;
            }

            // Read as the rules read their options: .editorconfig sections and global AnalyzerConfig files alike.
            var text = RuleOptions.GetString(context.Document.Project.AnalyzerOptions, root.SyntaxTree, DiagnosticIds.CacheEntryWithoutExpiry, CacheEntryWithoutExpiryAnalyzer.DefaultTtlOption);
            var ttl = TimeSpan.FromMinutes(10);
            if (text is not null && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var configured) && configured > TimeSpan.Zero)
            {
                ttl = configured;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation
                    || invocation.ArgumentList.Arguments.Count != 2)
                {
                    continue;
                }

                var expiry = SyntaxFactory.ParseExpression(
                    timeSpan.ToMinimalDisplayString(model, invocation.SpanStart) + ".FromSeconds(" + ((long)ttl.TotalSeconds).ToString(CultureInfo.InvariantCulture) + ")");
                var withExpiry = invocation.WithArgumentList(invocation.ArgumentList.AddArguments(SyntaxFactory.Argument(expiry)));
                context.RegisterCodeFix(
                    CodeAction.Create($"Expire the cache entry after {ttl}", ct => SyntaxHelpers.ReplaceNodeAsync(context.Document, invocation, withExpiry, ct), EquivalenceKey),
                    diagnostic);
            }
        }
    }
}
