using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace MessagingAnalyzers
{
    /// <summary>
    /// A value computed at most once per type and compilation, and shared by every rule that asks for it
    /// (thread-safe; the cache lives as long as the compilation).
    /// </summary>
    internal sealed class PerTypeCache<T>
        where T : class
    {
        private readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<INamedTypeSymbol, Lazy<T>>> _values = new();

        /// <summary>The value for <paramref name="type"/>; <paramref name="build"/> runs at most once per type (static, with its state passed in: no closure per call).</summary>
        public T GetOrAdd<TState>(Compilation compilation, INamedTypeSymbol type, TState state, Func<INamedTypeSymbol, Compilation, TState, T> build)
        {
            var values = _values.GetValue(compilation, static _ => new ConcurrentDictionary<INamedTypeSymbol, Lazy<T>>(SymbolEqualityComparer.Default));
            if (values.TryGetValue(type, out var existing))
            {
                return existing.Value;
            }

            return values.GetOrAdd(type, t => new Lazy<T>(() => build(t, compilation, state))).Value;
        }
    }
}
