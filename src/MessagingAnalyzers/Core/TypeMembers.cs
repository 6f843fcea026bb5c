using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MessagingAnalyzers
{
    /// <summary>
    /// The operations of a type's members (bodies, accessors, field and property initializers, top-level
    /// statements; nested types excluded), for the models that are built once per type and shared by rules.
    /// </summary>
    internal static class TypeMembers
    {
        /// <summary>
        /// The root operation of each member body of <paramref name="type"/> declared in source (only of the bodies
        /// <paramref name="include"/> accepts, when given: a syntactic filter that runs before any semantic work).
        /// </summary>
        public static IEnumerable<IOperation> RootOperations(INamedTypeSymbol type, Compilation compilation, Func<SyntaxNode, bool>? include = null)
        {
            // No cancellation token on purpose: what is built from these operations is shared, and a build
            // cancelled for one caller must not leave a cached cancellation for the others.
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax();
#pragma warning disable RS1030 // Models are built once per type and shared by all rules; the analyzer driver shares this semantic model.
                var semanticModel = compilation.GetSemanticModel(reference.SyntaxTree);
#pragma warning restore RS1030
                foreach (var member in MemberBodies(declaration))
                {
                    if ((include is null || include(member)) && semanticModel.GetOperation(member) is { } root)
                    {
                        yield return root;
                    }
                }
            }
        }

        /// <summary>The syntax nodes whose operations make up the members of a type declaration (nested types excluded).</summary>
        private static IEnumerable<SyntaxNode> MemberBodies(SyntaxNode declaration)
        {
            if (declaration is CompilationUnitSyntax unit)
            {
                // Top-level statements.
                yield return unit;
                yield break;
            }

            if (declaration is not TypeDeclarationSyntax type)
            {
                yield break;
            }

            foreach (var member in type.Members)
            {
                switch (member)
                {
                    case BaseTypeDeclarationSyntax:
                        break;
                    case BaseFieldDeclarationSyntax field:
                        foreach (var variable in field.Declaration.Variables)
                        {
                            if (variable.Initializer is not null)
                            {
                                yield return variable.Initializer;
                            }
                        }

                        break;
                    case PropertyDeclarationSyntax property:
                        if (property.Initializer is not null)
                        {
                            yield return property.Initializer;
                        }

                        if (property.ExpressionBody is not null)
                        {
                            yield return property.ExpressionBody;
                        }

                        foreach (var accessor in property.AccessorList?.Accessors ?? default)
                        {
                            yield return accessor;
                        }

                        break;
                    case BasePropertyDeclarationSyntax other:
                        foreach (var accessor in other.AccessorList?.Accessors ?? default)
                        {
                            yield return accessor;
                        }

                        break;
                    case BaseMethodDeclarationSyntax:
                        yield return member;
                        break;
                }
            }
        }
    }
}
