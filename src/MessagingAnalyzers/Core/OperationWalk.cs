using System;
using System.Collections;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers
{
    /// <summary>
    /// The descendants of an operation, depth first in source order, optionally without entering nested lambdas
    /// and local functions. A struct enumerable: <c>foreach</c> over it allocates nothing after warm-up (the work
    /// stack is reused per thread), where Roslyn's <c>Descendants()</c> allocates an iterator and a stack per call.
    /// Rules walk function bodies from hot callbacks, so these allocations showed up as garbage collections
    /// charged to the package.
    /// </summary>
    internal readonly struct OperationWalk : IEnumerable<IOperation>
    {
        private readonly IOperation _root;
        private readonly bool _includeSelf;
        private readonly bool _enterFunctions;

        public OperationWalk(IOperation root, bool includeSelf, bool enterFunctions)
        {
            _root = root;
            _includeSelf = includeSelf;
            _enterFunctions = enterFunctions;
        }

        public Enumerator GetEnumerator() => new(_root, _includeSelf, _enterFunctions);

        IEnumerator<IOperation> IEnumerable<IOperation>.GetEnumerator() => GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>Not thread-shared: each enumerator owns its stack until it is disposed.</summary>
        public struct Enumerator : IEnumerator<IOperation>
        {
            [ThreadStatic]
            private static Stack<IOperation>? s_cachedStack;

            private readonly bool _enterFunctions;
            private Stack<IOperation>? _stack;
            private IOperation? _current;

            internal Enumerator(IOperation root, bool includeSelf, bool enterFunctions)
            {
                _enterFunctions = enterFunctions;
                _current = null;
                _stack = s_cachedStack ?? new Stack<IOperation>();
                s_cachedStack = null;
                if (includeSelf)
                {
                    _stack.Push(root);
                }
                else
                {
                    PushChildren(_stack, root);
                }
            }

            public readonly IOperation Current => _current!;

            readonly object IEnumerator.Current => Current;

            public bool MoveNext()
            {
                var stack = _stack;
                if (stack is null)
                {
                    return false;
                }

                while (stack.Count > 0)
                {
                    var next = stack.Pop();
                    if (!_enterFunctions && next is IAnonymousFunctionOperation or ILocalFunctionOperation)
                    {
                        continue;
                    }

                    PushChildren(stack, next);
                    _current = next;
                    return true;
                }

                _current = null;
                return false;
            }

            public void Dispose()
            {
                if (_stack is { } stack)
                {
                    _stack = null;
                    stack.Clear();
                    s_cachedStack = stack;
                }
            }

            public void Reset() => throw new NotSupportedException();

            private static void PushChildren(Stack<IOperation> stack, IOperation operation)
            {
                // Pushed last to first, so that they come out in source order.
                foreach (var child in operation.ChildOperations.Reverse())
                {
                    stack.Push(child);
                }
            }
        }
    }
}
