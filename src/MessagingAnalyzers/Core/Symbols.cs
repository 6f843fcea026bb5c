using Microsoft.CodeAnalysis;

namespace MessagingAnalyzers
{
    /// <summary>Small symbol helpers shared by the library models.</summary>
    internal static class Symbols
    {
        /// <summary>
        /// True when <paramref name="type"/> is <paramref name="target"/> (any construction of it) or
        /// derives from / implements it.
        /// </summary>
        public static bool IsOrImplements(ITypeSymbol? type, INamedTypeSymbol? target)
        {
            if (type is null || target is null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, target))
            {
                return true;
            }

            if (target.TypeKind == TypeKind.Interface)
            {
                // Framework types (string, List<T>, Task, ...) never implement a client library's interfaces:
                // answer without computing their interface sets, which is most of the calls in real code.
                if (IsFrameworkType(type) && !IsFrameworkType(target))
                {
                    return false;
                }

                foreach (var i in type.AllInterfaces)
                {
                    if (SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, target))
                    {
                        return true;
                    }
                }

                return false;
            }

            return DerivesFrom(type, target);
        }

        /// <summary>A type of the .NET libraries (System.*, Microsoft.*, mscorlib, netstandard).</summary>
        public static bool IsFrameworkType(ITypeSymbol type)
        {
            if (type.SpecialType != SpecialType.None)
            {
                return true;
            }

            var name = type.ContainingAssembly?.Name;
            return name is not null
                && (name.StartsWith("System", System.StringComparison.Ordinal)
                    || name.StartsWith("Microsoft.", System.StringComparison.Ordinal)
                    || name is "mscorlib" or "netstandard");
        }

        public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
        {
            if (baseType is null)
            {
                return false;
            }

            for (var t = type; t is not null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The type of a local, parameter, field or property; null for other symbols.</summary>
        public static ITypeSymbol? TypeOf(ISymbol symbol) => symbol switch
        {
            ILocalSymbol local => local.Type,
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            IParameterSymbol parameter => parameter.Type,
            _ => null,
        };

        public static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute)
        {
            if (attribute is null)
            {
                return false;
            }

            foreach (var a in symbol.GetAttributes())
            {
                if (DerivesFrom(a.AttributeClass, attribute))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
