using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MessagingAnalyzers.CodeFixes
{
    /// <summary>Edits of Kafka config object creations.</summary>
    internal static class ConfigSyntax
    {
        /// <summary>
        /// The creation with <c>Property = value</c> added to its object initializer (creating the initializer
        /// when there is none); null when the node is not an object creation.
        /// </summary>
        public static BaseObjectCreationExpressionSyntax? WithSetting(SyntaxNode creation, string property, ExpressionSyntax value)
        {
            if (creation is not BaseObjectCreationExpressionSyntax objectCreation)
            {
                return null;
            }

            var assignment = SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName(property), value);
            var initializer = objectCreation.Initializer;
            if (initializer is null)
            {
                var created = SyntaxFactory.InitializerExpression(
                    SyntaxKind.ObjectInitializerExpression,
                    SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(assignment));
                var withoutTrailing = objectCreation is ObjectCreationExpressionSyntax { ArgumentList: { Arguments.Count: 0 } } plain
                    ? plain.WithArgumentList(null).WithType(plain.Type.WithTrailingTrivia(SyntaxFactory.Space))
                    : objectCreation.WithoutTrailingTrivia();
                return withoutTrailing
                    .WithInitializer(created.WithOpenBraceToken(created.OpenBraceToken.WithLeadingTrivia(SyntaxFactory.Space)).WithTrailingTrivia(objectCreation.GetTrailingTrivia()));
            }

            if (initializer.Expressions.OfType<AssignmentExpressionSyntax>().Any(a => a.Left is IdentifierNameSyntax name && name.Identifier.ValueText == property))
            {
                return null;
            }

            var multiLine = initializer.OpenBraceToken.TrailingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            if (!multiLine)
            {
                var expressions = initializer.Expressions.Add(assignment.WithLeadingTrivia(SyntaxFactory.Space));
                return objectCreation.WithInitializer(initializer.WithExpressions(expressions));
            }

            // One setting per line: copy the layout of the last one.
            var last = initializer.Expressions.Last();
            var separators = initializer.Expressions.GetSeparators().ToList();
            var list = initializer.Expressions.GetWithSeparators();
            var newList = SyntaxFactory.SeparatedList<ExpressionSyntax>(list.Count == separators.Count * 2
                ? list.Add(assignment.WithLeadingTrivia(last.GetLeadingTrivia()).WithTrailingTrivia(last.GetTrailingTrivia()))
                : list.Replace(list.Last(), last.WithoutTrailingTrivia())
                    .Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(last.GetTrailingTrivia()))
                    .Add(assignment.WithLeadingTrivia(last.GetLeadingTrivia())));
            return objectCreation.WithInitializer(initializer.WithExpressions(newList));
        }
    }
}
