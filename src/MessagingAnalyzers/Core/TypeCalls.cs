using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers
{
    /// <summary>
    /// The calls a type makes to its own methods, built once per type and shared, to answer "does a loop of
    /// this type call the method that contains this operation?".
    /// </summary>
    internal sealed class TypeCalls
    {
        private static readonly PerTypeCache<TypeCalls> Cache = new();

        private readonly ImmutableArray<IInvocationOperation> _ownCalls;

        private TypeCalls(ImmutableArray<IInvocationOperation> ownCalls) => _ownCalls = ownCalls;

        /// <summary>The calls of <paramref name="type"/> to its own methods (built on first use, then shared).</summary>
        public static TypeCalls For(INamedTypeSymbol type, Compilation compilation) => Cache.GetOrAdd(compilation, type, 0, static (t, c, _) => Build(t, c));

        /// <summary>
        /// The loop that makes <paramref name="operation"/> run repeatedly: its enclosing loop, or a loop of
        /// <paramref name="type"/> around a call of <paramref name="containingMethod"/> (one level). The type's
        /// calls are only looked at when the operation has no loop of its own.
        /// </summary>
        public static ILoopOperation? LoopAround(IOperation operation, ISymbol containingMethod, INamedTypeSymbol? type, Compilation compilation)
        {
            var loop = operation.GetEnclosingLoop();
            if (loop is not null || type is null || operation.GetFunctionRoot() is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return loop;
            }

            foreach (var call in For(type, compilation)._ownCalls)
            {
                if (SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, containingMethod.OriginalDefinition)
                    && call.GetEnclosingLoop() is { } callerLoop)
                {
                    return callerLoop;
                }
            }

            return null;
        }

        /// <summary>
        /// The calls <paramref name="type"/> makes to <paramref name="method"/> (one of its own methods); empty when it
        /// makes none. Callers outside the type are not seen: ask only about methods they cannot call (private ones).
        /// </summary>
        public static ImmutableArray<IInvocationOperation> CallsOf(IMethodSymbol method, INamedTypeSymbol type, Compilation compilation)
        {
            ImmutableArray<IInvocationOperation>.Builder? calls = null;
            foreach (var call in For(type, compilation)._ownCalls)
            {
                if (SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, method.OriginalDefinition))
                {
                    (calls ??= ImmutableArray.CreateBuilder<IInvocationOperation>()).Add(call);
                }
            }

            return calls?.ToImmutable() ?? ImmutableArray<IInvocationOperation>.Empty;
        }

        private static TypeCalls Build(INamedTypeSymbol type, Compilation compilation)
        {
            var calls = ImmutableArray.CreateBuilder<IInvocationOperation>();
            foreach (var root in TypeMembers.RootOperations(type, compilation))
            {
                Visit(root, type, calls);
            }

            return new TypeCalls(calls.ToImmutable());
        }

        private static void Visit(IOperation operation, INamedTypeSymbol type, ImmutableArray<IInvocationOperation>.Builder calls)
        {
            if (operation is IInvocationOperation invocation
                && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, type))
            {
                calls.Add(invocation);
            }

            foreach (var child in operation.ChildOperations)
            {
                Visit(child, type, calls);
            }
        }
    }
}
