using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MessagingAnalyzers.CodeFixes
{
    /// <summary>Syntax questions and builders shared by the code fixes.</summary>
    internal static class SyntaxHelpers
    {
        /// <summary>The nearest enclosing function: lambda, anonymous method, local function, method, accessor, or operator.</summary>
        public static SyntaxNode? GetEnclosingFunction(SyntaxNode node)
        {
            for (var current = node.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case AnonymousFunctionExpressionSyntax:
                    case LocalFunctionStatementSyntax:
                    case BaseMethodDeclarationSyntax:
                    case AccessorDeclarationSyntax:
                        return current;
                }
            }

            return null;
        }

        /// <summary>The enclosing function is declared <c>async</c>, so an <c>await</c> may be written here.</summary>
        public static bool IsInAsyncFunction(SyntaxNode node)
        {
            return GetEnclosingFunction(node) switch
            {
                AnonymousFunctionExpressionSyntax lambda => lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword),
                LocalFunctionStatementSyntax local => local.Modifiers.Any(SyntaxKind.AsyncKeyword),
                BaseMethodDeclarationSyntax method => method.Modifiers.Any(SyntaxKind.AsyncKeyword),
                _ => false,
            };
        }

        /// <summary>
        /// A local name that does not clash with anything visible at <paramref name="position"/>:
        /// <paramref name="preferred"/>, else <paramref name="preferred"/>2, 3, …
        /// </summary>
        public static string UniqueName(SemanticModel model, int position, string preferred)
        {
            var name = preferred;
            for (var i = 2; model.LookupSymbols(position, name: name).Length > 0; i++)
            {
                name = preferred + i;
            }

            return name;
        }

        /// <summary>The whitespace that starts the line of <paramref name="node"/>.</summary>
        public static string GetIndentation(SyntaxNode node)
        {
            var text = node.SyntaxTree.GetText();
            var line = text.Lines.GetLineFromPosition(node.SpanStart);
            var start = line.Start;
            var end = start;
            while (end < line.End && char.IsWhiteSpace(text[end]))
            {
                end++;
            }

            return text.ToString(new Microsoft.CodeAnalysis.Text.TextSpan(start, end - start));
        }

        /// <summary>
        /// <paramref name="text"/> with the indentation its lines share replaced by <paramref name="indent"/>
        /// (blank lines stay blank).
        /// </summary>
        public static string Reindent(string text, string indent, string newLine)
        {
            var lines = text.Replace("\r\n", "\n").Split('\n');
            var common = int.MaxValue;
            foreach (var line in lines)
            {
                if (line.Trim().Length > 0)
                {
                    common = System.Math.Min(common, line.Length - line.TrimStart().Length);
                }
            }

            var builder = new System.Text.StringBuilder();
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                if (line.Trim().Length > 0)
                {
                    builder.Append(indent).Append(line.Substring(common == int.MaxValue ? 0 : common).TrimEnd());
                }

                if (i < lines.Length - 1)
                {
                    builder.Append(newLine);
                }
            }

            return builder.ToString();
        }

        /// <summary>The line break the document uses (CRLF or LF).</summary>
        public static string GetNewLine(SyntaxNode node)
        {
            foreach (var trivia in node.SyntaxTree.GetRoot().DescendantTrivia())
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return trivia.ToString();
                }
            }

            return "\n";
        }

        /// <summary>
        /// The shortest way to name <paramref name="type"/> at <paramref name="position"/>
        /// (<c>List&lt;Task&lt;DeliveryResult&lt;string, string&gt;&gt;&gt;</c> with the usings in scope, qualified otherwise).
        /// </summary>
        public static TypeSyntax TypeName(SemanticModel model, int position, ITypeSymbol type) =>
            SyntaxFactory.ParseTypeName(type.ToMinimalDisplayString(model, position));

        /// <summary>The document with <paramref name="oldNode"/> replaced by <paramref name="newNode"/>.</summary>
        public static async Task<Document> ReplaceNodeAsync(Document document, SyntaxNode oldNode, SyntaxNode newNode, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(oldNode, newNode));
        }

        /// <summary>Strips parentheses and <c>.ConfigureAwait(...)</c> from a task expression.</summary>
        public static ExpressionSyntax StripConfigureAwait(ExpressionSyntax expression)
        {
            while (true)
            {
                switch (expression)
                {
                    case ParenthesizedExpressionSyntax parenthesized:
                        expression = parenthesized.Expression;
                        continue;
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } access }:
                        expression = access.Expression;
                        continue;
                    default:
                        return expression;
                }
            }
        }
    }
}
