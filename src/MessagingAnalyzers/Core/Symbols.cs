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

        /// <summary>
        /// A type of the referenced assembly named <paramref name="assemblyName"/>, looked up in that assembly only
        /// (a compilation-wide lookup searches every reference); the compilation-wide lookup is the fallback when no
        /// assembly of that name is referenced (a renamed or merged build of the library).
        /// </summary>
        public static INamedTypeSymbol? GetTypeFromAssembly(Compilation compilation, string assemblyName, string metadataName)
        {
            foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                if (assembly.Name == assemblyName)
                {
                    return assembly.GetTypeByMetadataName(metadataName) ?? compilation.GetTypeByMetadataName(metadataName);
                }
            }

            return compilation.GetTypeByMetadataName(metadataName);
        }

        /// <summary>
        /// True when <paramref name="ns"/> is the namespace named <paramref name="dottedName"/> ("System.Threading"),
        /// compared segment by segment from the inside out, without building its display string.
        /// </summary>
        public static bool IsNamespace(INamespaceSymbol? ns, string dottedName)
        {
            var end = dottedName.Length;
            while (ns is { IsGlobalNamespace: false })
            {
                var start = end == 0 ? 0 : dottedName.LastIndexOf('.', end - 1) + 1;
                var length = end - start;
                var name = ns.Name;
                if (name.Length != length || string.CompareOrdinal(name, 0, dottedName, start, length) != 0)
                {
                    return false;
                }

                ns = ns.ContainingNamespace;
                if (start == 0)
                {
                    return ns is null || ns.IsGlobalNamespace;
                }

                end = start - 1;
            }

            return false;
        }

        /// <summary>The outermost namespace of <paramref name="ns"/> ("System" for System.IO) and how deep <paramref name="ns"/> is (1 for System).</summary>
        public static string RootNamespace(INamespaceSymbol? ns, out int depth)
        {
            depth = 0;
            var root = string.Empty;
            for (; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
            {
                depth++;
                root = ns.Name;
            }

            return root;
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
