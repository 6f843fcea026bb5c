using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers
{
    /// <summary>
    /// Who calls a method, in the whole compilation: its invocations and the method groups that name it
    /// (<c>Task.Run(LoopAsync)</c>, <c>new Thread(Loop)</c>). Found by a syntactic scan for the method's name, then
    /// bound; computed once per compilation and method, and only for the methods a rule is about to report on (the
    /// scan reads every file).
    /// </summary>
    internal static class MethodCallers
    {
        private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<IMethodSymbol, ImmutableArray<IOperation>>> Cache = new();

        /// <summary>
        /// The invocations of <paramref name="method"/> and the method references to it (<see cref="IInvocationOperation"/>
        /// or <see cref="IMethodReferenceOperation"/>) in source, excluding those inside the method itself (recursion).
        /// </summary>
        public static ImmutableArray<IOperation> Find(IMethodSymbol method, Compilation compilation)
        {
            var perCompilation = Cache.GetValue(compilation, static _ => new ConcurrentDictionary<IMethodSymbol, ImmutableArray<IOperation>>(SymbolEqualityComparer.Default));
            return perCompilation.GetOrAdd(method.OriginalDefinition, m => Scan((IMethodSymbol)m, compilation));
        }

        private static ImmutableArray<IOperation> Scan(IMethodSymbol method, Compilation compilation)
        {
            var name = method.Name;
            var references = ImmutableArray.CreateBuilder<IOperation>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                // A cheap text check first: most files do not mention the name.
                if (tree.GetText().ToString().IndexOf(name, System.StringComparison.Ordinal) < 0)
                {
                    continue;
                }

                SemanticModel? model = null;
                foreach (var token in tree.GetRoot().DescendantTokens())
                {
                    if (!token.IsKind(SyntaxKind.IdentifierToken) || token.ValueText != name || token.Parent is not SimpleNameSyntax identifier)
                    {
                        continue;
                    }

                    // The expression that names the method: `Loop`, `this.Loop`, `worker.Loop`.
                    ExpressionSyntax expression = identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? access : identifier;
                    SyntaxNode node = expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression ? invocation : expression;
#pragma warning disable RS1030 // Only for a method about to be reported; the driver shares the semantic model of each file.
                    model ??= compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                    var operation = model.GetOperation(node);
                    var target = operation switch
                    {
                        IInvocationOperation call => call.TargetMethod,
                        IMethodReferenceOperation reference => reference.Method,
                        _ => null,
                    };

                    if (target is not null && SymbolEqualityComparer.Default.Equals(target.OriginalDefinition, method)
                        && !IsInside(node, method))
                    {
                        references.Add(operation!);
                    }
                }
            }

            return references.ToImmutable();
        }

        private static bool IsInside(SyntaxNode node, IMethodSymbol method)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree == node.SyntaxTree && reference.Span.Contains(node.Span))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The reference starts the method on a thread of its own, not on the caller's: it is a method group given to
        /// <c>Task.Run</c>, <c>Task.Factory.StartNew</c> or <c>new Thread(...)</c>, or a call inside a lambda given to one.
        /// </summary>
        public static bool StartsOnItsOwnThread(IOperation reference, FrameworkSymbols framework)
        {
            IOperation? delegateValue = reference is IMethodReferenceOperation ? reference : null;
            if (delegateValue is null)
            {
                var root = reference.GetFunctionRoot();
                if (root is not IAnonymousFunctionOperation lambda)
                {
                    return false;
                }

                delegateValue = lambda;
            }

            var parent = delegateValue.Parent;
            while (parent is IDelegateCreationOperation or IConversionOperation)
            {
                parent = parent.Parent;
            }

            switch (parent)
            {
                case IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "Run" or "StartNew" } starter } }:
                    return SymbolEqualityComparer.Default.Equals(starter.ContainingType, framework.Task)
                        || SymbolEqualityComparer.Default.Equals(starter.ContainingType, framework.TaskFactory);
                case IArgumentOperation { Parent: IObjectCreationOperation creation }:
                    return framework.Thread is not null && SymbolEqualityComparer.Default.Equals(creation.Type, framework.Thread);
                default:
                    return false;
            }
        }
    }
}
