using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MessagingAnalyzers
{
    /// <summary>
    /// Test code gets no diagnostic from any rule: a project that references a test framework, or a method or type
    /// with a test attribute (<see cref="CodeContext.IsTestCode(ISymbol?)"/>). Tests build clients per test, use random
    /// groups, block on tasks and hard-code local passwords on purpose; on public code every such finding was dismissed
    /// (docs/precision.md). Asked only for a diagnostic about to be reported.
    /// </summary>
    internal static class TestCode
    {
        public static bool Contains(Location location, Compilation compilation, CancellationToken cancellationToken)
        {
            var messaging = MessagingContext.TryCreate(compilation, ClientLibraries.Any);
            if (messaging is null)
            {
                return false;
            }

            if (messaging.Framework.IsTestProject)
            {
                return true;
            }

            if (!location.IsInSource || location.SourceTree is not { } tree)
            {
                return false;
            }

            // Syntax first: without an attribute on an enclosing declaration there is no test attribute to find.
            var token = tree.GetRoot(cancellationToken).FindToken(location.SourceSpan.Start);
            var attributed = false;
            for (var node = token.Parent; node is not null && !attributed; node = node.Parent)
            {
                attributed = node is MemberDeclarationSyntax { AttributeLists.Count: > 0 };
            }

            return attributed
                && messaging.Code.IsTestCode(compilation.GetSemanticModel(tree).GetEnclosingSymbol(location.SourceSpan.Start, cancellationToken));
        }
    }
}
