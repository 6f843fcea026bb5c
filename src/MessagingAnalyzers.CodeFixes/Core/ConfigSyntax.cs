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
        /// The creation with the setting added: <c>Property = value</c> in the object initializer of a config class
        /// (creating the initializer when there is none), or the librdkafka key in the style of a key/value collection
        /// (<c>["key"] = "value"</c>, <c>{ "key", "value" }</c>, <c>new KeyValuePair&lt;string, string&gt;("key", "value")</c>,
        /// <c>new("key", "value")</c>). Null when the node is not an object creation or its kind cannot be told.
        /// </summary>
        public static BaseObjectCreationExpressionSyntax? WithSetting(SyntaxNode creation, string property, string key, bool value)
        {
            if (creation is not BaseObjectCreationExpressionSyntax objectCreation)
            {
                return null;
            }

            switch (KindOf(objectCreation))
            {
                case ConfigKind.ConfigClass:
                    return WithProperty(objectCreation, property, SyntaxFactory.LiteralExpression(value ? SyntaxKind.TrueLiteralExpression : SyntaxKind.FalseLiteralExpression));
                case ConfigKind.Unknown:
                    return null;
            }

            var keyLiteral = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(key));
            var valueLiteral = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value ? "true" : "false"));
            if (objectCreation.Initializer?.Expressions.Any(e => IsSetting(e, key)) == true)
            {
                return null;
            }

            ExpressionSyntax entry = KindOf(objectCreation) switch
            {
                ConfigKind.Indexer => SyntaxFactory.AssignmentExpression(
                    SyntaxKind.SimpleAssignmentExpression,
                    SyntaxFactory.ImplicitElementAccess(SyntaxFactory.BracketedArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(keyLiteral)))),
                    valueLiteral),
                ConfigKind.Pairs => SyntaxFactory.InitializerExpression(
                    SyntaxKind.ComplexElementInitializerExpression,
                    SyntaxFactory.SeparatedList<ExpressionSyntax>(new[] { keyLiteral, valueLiteral })),
                ConfigKind.TargetTypedPairs => SyntaxFactory.ImplicitObjectCreationExpression(
                    SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[] { SyntaxFactory.Argument(keyLiteral), SyntaxFactory.Argument(valueLiteral) })),
                    null),
                _ => SyntaxFactory.ObjectCreationExpression(
                    SyntaxFactory.ParseTypeName("KeyValuePair<string, string>"),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[] { SyntaxFactory.Argument(keyLiteral), SyntaxFactory.Argument(valueLiteral) })),
                    null),
            };
            var kind = KindOf(objectCreation) == ConfigKind.Indexer ? SyntaxKind.ObjectInitializerExpression : SyntaxKind.CollectionInitializerExpression;
            return WithEntry(objectCreation, entry, kind);
        }

        private enum ConfigKind
        {
            Unknown,
            ConfigClass,
            Indexer,
            Pairs,
            KeyValuePairs,
            TargetTypedPairs,
        }

        /// <summary>How settings are written in this creation: by its initializer's entries, else by its type's name.</summary>
        private static ConfigKind KindOf(BaseObjectCreationExpressionSyntax creation)
        {
            foreach (var expression in creation.Initializer?.Expressions ?? default)
            {
                switch (expression)
                {
                    case AssignmentExpressionSyntax { Left: ImplicitElementAccessSyntax }:
                        return ConfigKind.Indexer;
                    case AssignmentExpressionSyntax { Left: IdentifierNameSyntax }:
                        return ConfigKind.ConfigClass;
                    case InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ComplexElementInitializerExpression }:
                        return ConfigKind.Pairs;
                    case ImplicitObjectCreationExpressionSyntax:
                        return ConfigKind.TargetTypedPairs;
                    case ObjectCreationExpressionSyntax:
                        return ConfigKind.KeyValuePairs;
                }
            }

            var typeName = creation is ObjectCreationExpressionSyntax { Type: var type } ? type.ToString() : string.Empty;
            if (typeName.EndsWith("Config", System.StringComparison.Ordinal))
            {
                return ConfigKind.ConfigClass;
            }

            if (typeName.Contains("Dictionary"))
            {
                return ConfigKind.Indexer;
            }

            return typeName.Contains("KeyValuePair") ? ConfigKind.KeyValuePairs : ConfigKind.Unknown;
        }

        /// <summary>The entry already names the key (<c>["key"] = ...</c>, <c>{ "key", ... }</c>, <c>new(...)("key", ...)</c>).</summary>
        private static bool IsSetting(ExpressionSyntax entry, string key)
        {
            var first = entry switch
            {
                AssignmentExpressionSyntax { Left: ImplicitElementAccessSyntax access } => access.ArgumentList.Arguments.FirstOrDefault()?.Expression,
                InitializerExpressionSyntax pair => pair.Expressions.FirstOrDefault(),
                BaseObjectCreationExpressionSyntax { ArgumentList: { } arguments } => arguments.Arguments.FirstOrDefault()?.Expression,
                _ => null,
            };
            return first is LiteralExpressionSyntax literal && literal.Token.ValueText == key;
        }

        private static BaseObjectCreationExpressionSyntax? WithProperty(BaseObjectCreationExpressionSyntax objectCreation, string property, ExpressionSyntax value)
        {
            if (objectCreation.Initializer?.Expressions.OfType<AssignmentExpressionSyntax>().Any(a => a.Left is IdentifierNameSyntax name && name.Identifier.ValueText == property) == true)
            {
                return null;
            }

            return WithEntry(objectCreation, SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName(property), value), SyntaxKind.ObjectInitializerExpression);
        }

        /// <summary>The creation with <paramref name="assignment"/> appended to its initializer, in the initializer's layout.</summary>
        private static BaseObjectCreationExpressionSyntax WithEntry(BaseObjectCreationExpressionSyntax objectCreation, ExpressionSyntax assignment, SyntaxKind initializerKind)
        {
            var initializer = objectCreation.Initializer;
            if (initializer is null)
            {
                var created = SyntaxFactory.InitializerExpression(
                    initializerKind,
                    SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(assignment));
                var withoutTrailing = objectCreation is ObjectCreationExpressionSyntax { ArgumentList: { Arguments.Count: 0 } } plain
                    ? plain.WithArgumentList(null).WithType(plain.Type.WithTrailingTrivia(SyntaxFactory.Space))
                    : objectCreation.WithoutTrailingTrivia();
                return withoutTrailing
                    .WithInitializer(created.WithOpenBraceToken(created.OpenBraceToken.WithLeadingTrivia(SyntaxFactory.Space)).WithTrailingTrivia(objectCreation.GetTrailingTrivia()));
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
