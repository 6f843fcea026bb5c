using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers
{
    /// <summary>
    /// Sync-over-async bridges chosen by a flag: one method that serves both a synchronous and an asynchronous
    /// caller, <c>if (useAsync) await db.StringGetAsync(k); else db.StringGet(k);</c> (or the <c>?:</c> form, or an
    /// early return). The synchronous branch is the one a synchronous caller asked for: it does not block an async
    /// caller.
    /// </summary>
    internal static class AsyncBridge
    {
        /// <summary>
        /// True when <paramref name="call"/> is in one branch of a condition on a flag (a bool parameter, local, field or
        /// property, possibly negated) and the other branch calls the async twin (<c>&lt;Name&gt;Async</c>). The other
        /// branch of an <c>if</c> without <c>else</c> whose branch returns is the rest of the block after it.
        /// </summary>
        public static bool IsSyncBranch(IInvocationOperation call)
        {
            string? twin = null;
            IOperation child = call;
            for (var parent = call.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        return false;

                    case IConditionalOperation conditional when child != conditional.Condition && IsFlag(conditional.Condition):
                        twin ??= call.TargetMethod.Name + "Async";
                        var other = child == conditional.WhenTrue ? conditional.WhenFalse : conditional.WhenTrue;
                        if (other is not null ? Calls(other, twin) : Exits(conditional.WhenTrue) && CallsAfter(conditional, twin))
                        {
                            return true;
                        }

                        break;

                    case IBlockOperation block:
                        // if (useAsync) { return await db.XAsync(...); } return db.X(...);
                        twin ??= call.TargetMethod.Name + "Async";
                        foreach (var statement in block.Operations)
                        {
                            if (statement == child)
                            {
                                break;
                            }

                            if (statement is IConditionalOperation { WhenFalse: null } earlier && IsFlag(earlier.Condition)
                                && Exits(earlier.WhenTrue) && Calls(earlier.WhenTrue, twin))
                            {
                                return true;
                            }
                        }

                        break;
                }
            }

            return false;
        }

        /// <summary>A bool parameter, local, field or property, possibly negated or compared with a bool constant.</summary>
        private static bool IsFlag(IOperation condition)
        {
            condition = condition.SkipConversions();
            switch (condition)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return IsFlag(not.Operand);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } compare:
                    return (compare.RightOperand.ConstantValue.Value is bool && IsFlag(compare.LeftOperand))
                        || (compare.LeftOperand.ConstantValue.Value is bool && IsFlag(compare.RightOperand));
                case IParameterReferenceOperation:
                case ILocalReferenceOperation:
                case IFieldReferenceOperation:
                case IPropertyReferenceOperation:
                    return condition.Type?.SpecialType == SpecialType.System_Boolean;
                default:
                    return false;
            }
        }

        /// <summary>The branch always leaves the function: it ends with a return or a throw.</summary>
        private static bool Exits(IOperation branch)
        {
            var last = branch is IBlockOperation { Operations.Length: > 0 } block ? block.Operations[block.Operations.Length - 1] : branch;
            return last is IReturnOperation or IThrowOperation || last is IExpressionStatementOperation { Operation: IThrowOperation };
        }

        /// <summary>A statement after <paramref name="statement"/> in its block calls <paramref name="twin"/>.</summary>
        private static bool CallsAfter(IOperation statement, string twin)
        {
            if (statement.Parent is not IBlockOperation block)
            {
                return false;
            }

            var after = false;
            foreach (var next in block.Operations)
            {
                if (after && Calls(next, twin))
                {
                    return true;
                }

                after |= next == statement;
            }

            return false;
        }

        private static bool Calls(IOperation root, string name)
        {
            foreach (var op in root.DescendantsInSameFunction())
            {
                if (op is IInvocationOperation invocation && invocation.TargetMethod.Name == name)
                {
                    return true;
                }
            }

            return root is IInvocationOperation self && self.TargetMethod.Name == name;
        }
    }
}
