using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace MessagingAnalyzers
{
    /// <summary>
    /// A client library's assembly, and which assemblies can declare a type that is, implements or derives from
    /// one of its types: the library itself, the compilation's own code, and assemblies that reference the library
    /// (directly or through another assembly). Asked before any interface or base-type walk, so that the
    /// framework and other unrelated types most calls are made on are answered with one cached lookup per assembly.
    /// </summary>
    internal sealed class ClientAssembly
    {
        private readonly IAssemblySymbol _library;
        private readonly IAssemblySymbol _source;
        // Keyed by reference: a compilation has one symbol object per assembly and per type definition, and hashing
        // by reference is what makes the lookup cheaper than the walk it saves.
        private readonly ConcurrentDictionary<IAssemblySymbol, bool> _reaches = new(ByReference<IAssemblySymbol>.Instance);
        private readonly ConcurrentDictionary<ITypeSymbol, bool> _types = new(ByReference<ITypeSymbol>.Instance);

        public ClientAssembly(IAssemblySymbol library, Compilation compilation)
        {
            _library = library;
            _source = compilation.Assembly;
        }

        /// <summary>
        /// False only when <paramref name="type"/> cannot be related to the library's types: it is declared in an
        /// assembly that does not reference the library. True when unsure (type parameters, arrays, error types).
        /// </summary>
        public bool MayRelate(ITypeSymbol? type)
        {
            // string, object, int ...: the types most calls are made on, answered without finding their assembly.
            if (type is null || type.SpecialType != SpecialType.None)
            {
                return false;
            }

            // Type parameters, arrays, pointers, dynamic, error types: left to the full check (and not cached: some
            // of them are new symbol objects at every use).
            if (type is not INamedTypeSymbol || type.TypeKind == TypeKind.Error)
            {
                return true;
            }

            // Calls are made on a few hundred types over and over: the answer is kept per type definition.
            var definition = type.OriginalDefinition;
            if (_types.TryGetValue(definition, out var known))
            {
                return known;
            }

            var assembly = definition.ContainingAssembly;
            var relates = assembly is null || ReferenceEquals(assembly, _library) || ReferenceEquals(assembly, _source) || Reaches(assembly, 0);
            _types.TryAdd(definition, relates);
            return relates;
        }

        private bool Reaches(IAssemblySymbol assembly, int depth)
        {
            if (_reaches.TryGetValue(assembly, out var known))
            {
                return known;
            }

            // Assemblies reference each other without cycles in practice; the depth bound keeps a pathological
            // graph from recursing without end (and answers "may relate", the safe side).
            var reaches = depth > 16 || SymbolEqualityComparer.Default.Equals(assembly, _library) || SymbolEqualityComparer.Default.Equals(assembly, _source);
            if (!reaches)
            {
                foreach (var module in assembly.Modules)
                {
                    foreach (var referenced in module.ReferencedAssemblySymbols)
                    {
                        if (Reaches(referenced, depth + 1))
                        {
                            reaches = true;
                            break;
                        }
                    }

                    if (reaches)
                    {
                        break;
                    }
                }
            }

            _reaches.TryAdd(assembly, reaches);
            return reaches;
        }
    }

    /// <summary>Equality by reference, for caches keyed by symbols that are unique per compilation.</summary>
    internal sealed class ByReference<T> : IEqualityComparer<T>
        where T : class
    {
        public static readonly ByReference<T> Instance = new();

        public bool Equals(T? x, T? y) => ReferenceEquals(x, y);

        public int GetHashCode(T obj) => RuntimeHelpers.GetHashCode(obj);
    }
}
