using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers
{
    /// <summary>IOperation navigation shared by the rules.</summary>
    internal static class Operations
    {
        /// <summary>Skips implicit/explicit conversions and parentheses downwards.</summary>
        public static IOperation SkipConversions(this IOperation operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation conversion:
                        operation = conversion.Operand;
                        break;
                    case IParenthesizedOperation parenthesized:
                        operation = parenthesized.Operand;
                        break;
                    default:
                        return operation;
                }
            }
        }

        /// <summary>Walks up through conversions and parentheses; returns the outermost of them.</summary>
        public static IOperation WalkUpConversions(this IOperation operation)
        {
            while (operation.Parent is IConversionOperation or IParenthesizedOperation)
            {
                operation = operation.Parent;
            }

            return operation;
        }

        /// <summary>
        /// The root of the function that contains <paramref name="operation"/>: the nearest enclosing
        /// lambda or local function, else the outermost operation of the member body.
        /// </summary>
        public static IOperation GetFunctionRoot(this IOperation operation)
        {
            var current = operation;
            while (current.Parent is not null)
            {
                if (current.Parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return current.Parent;
                }

                current = current.Parent;
            }

            return current;
        }

        /// <summary>
        /// The syntax of the body of a function root (from <see cref="GetFunctionRoot"/>), without the signature
        /// (whose return type, <c>Task</c>, would defeat a pre-check on names); the root's syntax for other roots.
        /// </summary>
        public static SyntaxNode BodySyntax(IOperation root) => root switch
        {
            IMethodBodyOperation { BlockBody: { } block, ExpressionBody: null } => block.Syntax,
            IMethodBodyOperation { BlockBody: null, ExpressionBody: { } expression } => expression.Syntax,
            IAnonymousFunctionOperation lambda => lambda.Body.Syntax,
            ILocalFunctionOperation { Body: { } block, IgnoredBody: null } => block.Syntax,
            _ => root.Syntax,
        };

        /// <summary>
        /// Descendants of <paramref name="root"/> that run as part of the same function, in source order: nested
        /// lambdas and local functions are not entered (they run at another time, if at all).
        /// </summary>
        public static OperationWalk DescendantsInSameFunction(this IOperation root) => new(root, includeSelf: false, enterFunctions: false);

        /// <summary>All descendants of <paramref name="root"/>, in source order (Roslyn's <c>Descendants()</c> without its allocations).</summary>
        public static OperationWalk AllDescendants(this IOperation root) => new(root, includeSelf: false, enterFunctions: true);

        /// <summary><paramref name="root"/> and all its descendants, in source order.</summary>
        public static OperationWalk AllDescendantsAndSelf(this IOperation root) => new(root, includeSelf: true, enterFunctions: true);

        /// <summary>The innermost loop around <paramref name="operation"/> within its own function, or null.</summary>
        public static ILoopOperation? GetEnclosingLoop(this IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case ILoopOperation loop:
                        return loop;
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        return null;
                }
            }

            return null;
        }

        /// <summary>True when <paramref name="ancestor"/> contains <paramref name="operation"/>.</summary>
        public static bool IsWithin(this IOperation operation, IOperation ancestor)
        {
            for (var current = operation; current is not null; current = current.Parent)
            {
                if (current == ancestor)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The call a lambda is passed to as an argument (<c>Task.Run(() =&gt; ...)</c>, <c>app.MapGet("/", () =&gt; ...)</c>),
        /// through the delegate creation and conversions; null when the lambda is not an argument.
        /// </summary>
        public static IInvocationOperation? GetInvocationTaking(this IAnonymousFunctionOperation lambda)
        {
            var parent = lambda.Parent;
            while (parent is IDelegateCreationOperation or IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent is IArgumentOperation { Parent: IInvocationOperation invocation } ? invocation : null;
        }

        /// <summary>
        /// True when <paramref name="operation"/> (a declarator or its initializer value) belongs to
        /// <c>using var x = ...;</c> or <c>using (var x = ...)</c>.
        /// </summary>
        public static bool IsDeclaredByUsing(this IOperation operation)
        {
            for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
            {
                switch (parent)
                {
                    case IUsingDeclarationOperation:
                    case IUsingOperation:
                        return true;
                    case IVariableInitializerOperation:
                    case IVariableDeclaratorOperation:
                    case IVariableDeclarationOperation:
                    case IVariableDeclarationGroupOperation:
                        continue;
                    default:
                        return false;
                }
            }

            return false;
        }

        /// <summary>The argument passed for the parameter named <paramref name="name"/>, or null.</summary>
        public static IArgumentOperation? GetArgument(this IInvocationOperation invocation, string name)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == name)
                {
                    return argument;
                }
            }

            return null;
        }

        /// <summary>True when the function that contains the operation is declared <c>async</c>.</summary>
        public static bool IsInAsyncFunction(this IOperation operation, ISymbol? owningSymbol)
        {
            var root = operation.GetFunctionRoot();
            return root switch
            {
                IAnonymousFunctionOperation lambda => lambda.Symbol.IsAsync,
                ILocalFunctionOperation local => local.Symbol.IsAsync,
                _ => owningSymbol is IMethodSymbol { IsAsync: true },
            };
        }

        /// <summary>
        /// The local that <paramref name="value"/> initializes or is assigned to (<c>var t = value;</c>,
        /// <c>t = value;</c>), or null.
        /// </summary>
        public static ILocalSymbol? GetAssignedLocal(this IOperation value)
        {
            var outer = value.WalkUpConversions();
            switch (outer.Parent)
            {
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return declarator.Symbol;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == outer:
                    return target.Local;
                default:
                    return null;
            }
        }

        /// <summary>
        /// The value a local was initialized with in its declaration, when the declaration is in the same
        /// function as <paramref name="root"/>, or null.
        /// </summary>
        public static IOperation? GetLocalInitializer(IOperation root, ILocalSymbol local)
        {
            // The declarator is found from the local's declaring syntax: a lookup in the operation trees the
            // compiler has already built, instead of a walk of the function.
            // Containment is judged on the declaration's start and the function's full span: a syntax reference's
            // Span (and a node's Span) walks down to the node's last token to leave its trailing trivia out.
            var references = local.DeclaringSyntaxReferences;
            if (references.Length == 1 && root.SemanticModel is { } semanticModel && references[0].SyntaxTree == semanticModel.SyntaxTree
                && references[0].GetSyntax() is var declaration && root.Syntax.FullSpan.Contains(declaration.SpanStart))
            {
                return semanticModel.GetOperation(declaration) is IVariableDeclaratorOperation declarator
                    ? declarator.Initializer?.Value ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value
                    : null;
            }

            foreach (var op in root.DescendantsInSameFunction())
            {
                if (op is IVariableDeclaratorOperation declarator
                    && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
                {
                    return declarator.Initializer?.Value ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value;
                }
            }

            return null;
        }

        /// <summary>
        /// True when the value of <paramref name="value"/> is thrown away: an expression statement,
        /// <c>_ = ...</c>, <c>await ...;</c>, or a local that is never read (or only awaited as a statement).
        /// </summary>
        public static bool IsResultDiscarded(this IOperation value) => IsResultDiscarded(value, 0);

        private static bool IsResultDiscarded(IOperation value, int depth)
        {
            if (depth > 3)
            {
                return false;
            }

            var outer = value.WalkUpConversions();
            switch (outer.Parent)
            {
                case IExpressionStatementOperation:
                    return true;
                case ISimpleAssignmentOperation { Target: IDiscardOperation }:
                    return true;
                case IAwaitOperation awaited:
                    return IsResultDiscarded(awaited, depth + 1);
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure when configure.Instance == outer:
                    return IsResultDiscarded(configure, depth + 1);
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    foreach (var op in outer.GetFunctionRoot().DescendantsInSameFunction())
                    {
                        if (op is ILocalReferenceOperation reference
                            && SymbolEqualityComparer.Default.Equals(reference.Local, declarator.Symbol)
                            && !IsResultDiscarded(reference, depth + 1))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return false;
            }
        }

        /// <summary>The outermost operation of the member body that contains <paramref name="operation"/>.</summary>
        public static IOperation GetMemberRoot(this IOperation operation)
        {
            var current = operation;
            while (current.Parent is not null)
            {
                current = current.Parent;
            }

            return current;
        }

        /// <summary>A short display for the receiver of a call: <c>producer</c>, <c>_producer</c>, <c>this</c>.</summary>
        public static string DisplayReceiver(this IInvocationOperation invocation)
        {
            var instance = invocation.Instance?.SkipConversions();
            if (instance is null)
            {
                return invocation.TargetMethod.ContainingType.Name;
            }

            if (instance is IObjectCreationOperation { Type: { } created })
            {
                return created.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            }

            var text = instance.Syntax.ToString();
            return text.Length <= 40 ? text : text.Substring(0, 37) + "...";
        }
    }
}
