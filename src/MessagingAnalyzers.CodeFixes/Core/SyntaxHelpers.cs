using System;
using System.Collections.Generic;
using System.Linq;
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
        /// A name for a new local or lambda parameter that clashes with nothing: not visible at <paramref name="position"/>,
        /// not declared as a local anywhere in the member that holds it (a local declared later, or inside a lambda), and
        /// not written inside <paramref name="body"/> (code that moves under the new name, which it would hide):
        /// <paramref name="preferred"/>, else <paramref name="preferred"/>2, 3, …
        /// </summary>
        public static string UniqueName(SemanticModel model, int position, string preferred, SyntaxNode? body = null)
        {
            var token = model.SyntaxTree.GetRoot().FindToken(position);
            SyntaxNode scope = token.Parent?.AncestorsAndSelf().FirstOrDefault(n => n is MemberDeclarationSyntax and not GlobalStatementSyntax)
                ?? model.SyntaxTree.GetRoot();
            var taken = new HashSet<string>(StringComparer.Ordinal);
            foreach (var node in scope.DescendantNodes())
            {
                var declared = node switch
                {
                    VariableDeclaratorSyntax variable => variable.Identifier,
                    SingleVariableDesignationSyntax designation => designation.Identifier,
                    ForEachStatementSyntax forEach => forEach.Identifier,
                    CatchDeclarationSyntax catchDeclaration => catchDeclaration.Identifier,
                    LocalFunctionStatementSyntax function => function.Identifier,
                    _ => default,
                };
                if (declared.IsKind(SyntaxKind.IdentifierToken))
                {
                    taken.Add(declared.ValueText);
                }
            }

            foreach (var identifier in body?.DescendantTokens() ?? Enumerable.Empty<SyntaxToken>())
            {
                if (identifier.IsKind(SyntaxKind.IdentifierToken))
                {
                    taken.Add(identifier.ValueText);
                }
            }

            var name = preferred;
            for (var i = 2; taken.Contains(name) || model.LookupSymbols(position, name: name).Length > 0; i++)
            {
                name = preferred + i;
            }

            return name;
        }

        /// <summary>
        /// A statement (without indentation or newline) that reports an error: through the <c>ILogger</c> in scope
        /// (a field, property or parameter) as a structured <c>LogError</c> when its extension methods are imported,
        /// else through <c>System.Diagnostics.Trace.TraceError</c>. <paramref name="template"/> has named holes
        /// (<c>"Handler for {Channel} failed"</c>) filled in order by <paramref name="arguments"/> (expressions).
        /// </summary>
        public static string ErrorLog(SemanticModel model, int position, string? exception, string template, params string[] arguments)
        {
            foreach (var symbol in model.LookupSymbols(position))
            {
                var type = symbol switch
                {
                    IFieldSymbol field => field.Type,
                    IPropertySymbol property => property.Type,
                    IParameterSymbol parameter => parameter.Type,
                    _ => null,
                };
                if (type is null || !IsLogger(type)
                    || (symbol.IsStatic == false && symbol is IFieldSymbol or IPropertySymbol && IsInStaticContext(model, position))
                    || model.LookupSymbols(position, type, "LogError", includeReducedExtensionMethods: true).IsEmpty)
                {
                    continue;
                }

                var all = new List<string>();
                if (exception is not null)
                {
                    all.Add(exception);
                }

                all.Add(SyntaxFactory.Literal(template).ToString());
                all.AddRange(arguments);
                return symbol.Name + ".LogError(" + string.Join(", ", all) + ");";
            }

            var text = new System.Text.StringBuilder();
            var next = 0;
            for (var i = 0; i < template.Length; i++)
            {
                if (template[i] == '{' && template.IndexOf('}', i) is var close and > 0 && next < arguments.Length)
                {
                    text.Append('{').Append(arguments[next++]).Append('}');
                    i = close;
                }
                else
                {
                    text.Append(template[i] is '"' or '\\' ? "\\" + template[i] : template[i].ToString());
                }
            }

            if (exception is not null)
            {
                text.Append(": {").Append(exception).Append('}');
            }

            return "System.Diagnostics.Trace.TraceError($\"" + text + "\");";
        }

        private static bool IsLogger(ITypeSymbol type) =>
            type is INamedTypeSymbol { Name: "ILogger" } named
            && named.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Logging";

        /// <summary>The code at <paramref name="position"/> runs in a static member (instance fields are out of reach).</summary>
        private static bool IsInStaticContext(SemanticModel model, int position)
        {
            var symbol = model.GetEnclosingSymbol(position);
            while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
            {
                symbol = symbol.ContainingSymbol;
            }

            return symbol?.IsStatic == true;
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
