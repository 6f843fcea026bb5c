using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers
{
    /// <summary>
    /// The calls a type makes to its own methods, gathered during a symbol-start scope (thread-safe), to answer
    /// "does a loop of this type call the method that contains this operation?".
    /// </summary>
    internal sealed class TypeCalls
    {
        private readonly INamedTypeSymbol _type;
        private readonly List<IInvocationOperation> _ownCalls = new();

        public TypeCalls(INamedTypeSymbol type) => _type = type;

        public void Add(IInvocationOperation invocation)
        {
            if (SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, _type))
            {
                lock (_ownCalls) _ownCalls.Add(invocation);
            }
        }

        /// <summary>
        /// The loop that makes <paramref name="operation"/> run repeatedly: its enclosing loop, or a loop of the type
        /// around a call of <paramref name="containingMethod"/> (one level).
        /// </summary>
        public ILoopOperation? LoopAround(IOperation operation, ISymbol containingMethod)
        {
            var loop = operation.GetEnclosingLoop();
            if (loop is not null || operation.GetFunctionRoot() is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return loop;
            }

            lock (_ownCalls)
            {
                foreach (var call in _ownCalls)
                {
                    if (SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, containingMethod.OriginalDefinition)
                        && call.GetEnclosingLoop() is { } callerLoop)
                    {
                        return callerLoop;
                    }
                }
            }

            return null;
        }
    }
}
