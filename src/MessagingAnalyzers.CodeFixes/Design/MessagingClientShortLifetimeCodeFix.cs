using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MessagingAnalyzers.CodeFixes.Design
{
    /// <summary>MSG1004: register the client as a singleton (AddScoped → AddSingleton, ServiceLifetime.Transient → ServiceLifetime.Singleton, ...).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MessagingClientShortLifetimeCodeFix)), Shared]
    public sealed class MessagingClientShortLifetimeCodeFix : SyntaxCodeFix
    {
        public const string EquivalenceKey = "MSG1004.Singleton";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MessagingClientShortLifetime);

        private protected override void RegisterFix(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root)
        {
            var (oldName, newName) = diagnostic.AdditionalLocations.Count > 0
                ? LifetimeArgumentName(root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true))
                : MethodName(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true));
            if (oldName is null || newName is null)
            {
                return;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Register as a singleton", ct => SyntaxHelpers.ReplaceNodeAsync(context.Document, oldName, newName, ct), EquivalenceKey),
                diagnostic);
        }

        /// <summary><c>ServiceLifetime.Scoped</c> → <c>ServiceLifetime.Singleton</c>.</summary>
        private static (SyntaxNode? Old, SyntaxNode? New) LifetimeArgumentName(SyntaxNode node)
        {
            if (node is ArgumentSyntax argument)
            {
                node = argument.Expression;
            }

            return node is MemberAccessExpressionSyntax access
                ? (access.Name, SyntaxFactory.IdentifierName("Singleton").WithTriviaFrom(access.Name))
                : (null, null);
        }

        /// <summary><c>AddScoped&lt;T&gt;</c> → <c>AddSingleton&lt;T&gt;</c>, <c>TryAddKeyedTransient</c> → <c>TryAddKeyedSingleton</c>.</summary>
        private static (SyntaxNode? Old, SyntaxNode? New) MethodName(SyntaxNode node)
        {
            var name = node switch
            {
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => access.Name,
                InvocationExpressionSyntax { Expression: SimpleNameSyntax simple } => simple,
                _ => null,
            };
            if (name is null)
            {
                return (null, null);
            }

            var text = name.Identifier.ValueText;
            var renamed = text.EndsWith("Scoped", System.StringComparison.Ordinal)
                ? text.Substring(0, text.Length - "Scoped".Length) + "Singleton"
                : text.EndsWith("Transient", System.StringComparison.Ordinal)
                    ? text.Substring(0, text.Length - "Transient".Length) + "Singleton"
                    : null;
            if (renamed is null)
            {
                return (null, null);
            }

            return (name, name.WithIdentifier(SyntaxFactory.Identifier(renamed).WithTriviaFrom(name.Identifier)));
        }
    }
}
