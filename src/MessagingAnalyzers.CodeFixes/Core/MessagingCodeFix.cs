using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace MessagingAnalyzers.CodeFixes
{
    /// <summary>
    /// Base of every fixer of the package: Fix All goes through <see cref="MessagingFixAll"/>, which fixes every
    /// fixable occurrence whatever action the Fix All was started from, and skips the occurrences a fixer cannot fix.
    /// </summary>
    public abstract class MessagingCodeFix : CodeFixProvider
    {
        /// <summary>A new instance of every fixer of the package (for tools and tests that apply them all).</summary>
        public static ImmutableArray<CodeFixProvider> CreateAll() => typeof(MessagingCodeFix).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToImmutableArray();

        public override FixAllProvider GetFixAllProvider() => MessagingFixAll.Instance;
    }

    /// <summary>
    /// Base of the fixers that work on syntax: fetches the document's root once per request and offers the fix
    /// for each diagnostic.
    /// </summary>
    public abstract class SyntaxCodeFix : MessagingCodeFix
    {
        public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                RegisterFix(context, diagnostic, root);
            }
        }

        /// <summary>Registers the fix of <paramref name="diagnostic"/>, if it applies.</summary>
        private protected abstract void RegisterFix(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root);
    }

    /// <summary>
    /// Base of the fixers that also need the semantic model: fetches the root and the model once per request and
    /// offers the fix for each diagnostic.
    /// </summary>
    public abstract class SemanticCodeFix : MessagingCodeFix
    {
        public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                RegisterFix(context, diagnostic, root, model);
            }
        }

        /// <summary>Registers the fix of <paramref name="diagnostic"/>, if it applies.</summary>
        private protected abstract void RegisterFix(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root, SemanticModel model);
    }
}
