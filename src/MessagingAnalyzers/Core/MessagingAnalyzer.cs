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
    /// Base of every analyzer in the package: concurrent, skips generated code, resolves the
    /// <see cref="MessagingContext"/> once per compilation, and registers the rule only when the
    /// client library it is about is referenced.
    /// </summary>
    public abstract class MessagingAnalyzer : DiagnosticAnalyzer
    {
        private protected abstract ClientLibraries RequiredLibraries { get; }

        public sealed override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var messaging = MessagingContext.TryCreate(start.Compilation, RequiredLibraries);
                if (messaging is null)
                {
                    return;
                }

                OnCompilationStart(start, messaging);
            });
        }

        private protected abstract void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging);
    }
}
