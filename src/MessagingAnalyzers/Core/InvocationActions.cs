using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers
{
    /// <summary>
    /// Invocation actions of rules that judge calls of a few known method names (<c>ProduceAsync</c>, <c>StringSet</c>,
    /// <c>LockTake</c> ...). Most calls of a compilation are none of them: in a <see cref="RuleHost"/>, the called
    /// method's name is looked up once per invocation for all the rules of the host, and only the rules that named it
    /// are called. A rule that runs alone gets an operation action that compares the name first.
    /// </summary>
    /// <remarks>
    /// The names are a pre-filter, not the rule's check: the rule still decides what the call is (its receiver, its
    /// overload). Give every name the rule's own check can accept, with <see cref="WithAsync"/> for commands whose
    /// async twin counts too (<see cref="RedisLibrary.IsCommandName"/>). Measured (docs/performance.md): before, every
    /// rule of a host was called for every invocation, and most of them returned on the name.
    /// </remarks>
    internal static class InvocationActions
    {
        /// <summary>Runs <paramref name="action"/> for invocations of methods named one of <paramref name="methodNames"/> (ordinal).</summary>
        public static void RegisterInvocationAction(this CompilationStartAnalysisContext context, ImmutableArray<string> methodNames, Action<OperationAnalysisContext> action)
        {
            if (context is RecordingCompilationStartContext recording)
            {
                recording.RegisterInvocationAction(methodNames, action);
                return;
            }

            var names = new HashSet<string>(methodNames, StringComparer.Ordinal);
            context.RegisterOperationAction(
                c =>
                {
                    if (names.Contains(((IInvocationOperation)c.Operation).TargetMethod.Name))
                    {
                        action(c);
                    }
                },
                OperationKind.Invocation);
        }

        /// <summary>Each of <paramref name="names"/>, and each with "Async" appended (<c>StringSet</c>, <c>StringSetAsync</c>).</summary>
        public static ImmutableArray<string> WithAsync(IEnumerable<string> names)
        {
            var builder = ImmutableArray.CreateBuilder<string>();
            foreach (var name in names)
            {
                builder.Add(name);
                builder.Add(name + "Async");
            }

            return builder.ToImmutable();
        }

        /// <inheritdoc cref="WithAsync(IEnumerable{string})"/>
        public static ImmutableArray<string> WithAsync(params string[] names) => WithAsync((IEnumerable<string>)names);
    }
}
