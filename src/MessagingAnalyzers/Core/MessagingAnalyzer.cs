using System;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MessagingAnalyzers
{
    /// <summary>Which client library a rule is about. A rule registers nothing when its library is absent.</summary>
    [Flags]
    internal enum ClientLibraries
    {
        Kafka = 1,
        Redis = 2,
        Any = Kafka | Redis,
    }

    /// <summary>
    /// Base of every rule of the package (one class per rule): concurrent, skips generated code, uses the
    /// <see cref="MessagingContext"/> resolved once per compilation, and registers the rule only when the
    /// client library it is about is referenced. A rule is a complete analyzer on its own (tests and benchmarks run
    /// it alone); the package registers its rules through four <see cref="RuleHost"/>s, which run them with one
    /// driver callback per operation instead of one per rule.
    /// </summary>
    public abstract class MessagingAnalyzer : DiagnosticAnalyzer
    {
        private protected abstract ClientLibraries RequiredLibraries { get; }

        public sealed override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCode.AnalysisFlags);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(Start);
        }

        /// <summary>
        /// The rule's compilation start: nothing when its client library is not referenced. Called by the driver
        /// when the rule runs on its own (tests, benchmarks), and by its <see cref="RuleHost"/> in the package.
        /// </summary>
        internal void Start(CompilationStartAnalysisContext start)
        {
            var messaging = MessagingContext.TryCreate(start.Compilation, RequiredLibraries);
            if (messaging is null)
            {
                return;
            }

            OnCompilationStart(start, messaging);
        }

        private protected abstract void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging);
    }
}
