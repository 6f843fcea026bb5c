using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers
{
    /// <summary>
    /// The analyzer the compiler loads for one area of rules (Design, Kafka, Redis, Security). Each rule stays its
    /// own class, file, test and docs page, and is a complete analyzer on its own; the host runs them together so
    /// that the compiler's driver calls the package once per operation, symbol and compilation end, not once per rule.
    /// </summary>
    /// <remarks>
    /// Measured (docs/performance.md): every registered analyzer costs the driver about as much as a do-nothing
    /// analyzer that visits every invocation, before it does any work, whatever it registers for. Forty rules
    /// registered on their own paid that forty times. The host records what each rule registers at compilation
    /// start (<see cref="RecordingCompilationStartContext"/>) and registers one action per operation kind, one
    /// symbol-start action per symbol kind (recording the rules' symbol-scoped actions the same way) and one
    /// compilation-end action, each calling the rules' actions in turn. Rules that judge calls by method name
    /// (<see cref="InvocationActions"/>) are called only for the calls they named: one lookup per invocation.
    /// Anything else a rule registers is passed to the driver as is. A rule whose diagnostics are all turned off for
    /// the compilation is not started.
    /// </remarks>
    public abstract class RuleHost : DiagnosticAnalyzer
    {
        private protected RuleHost(string area)
            : this(typeof(RuleHost).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(MessagingAnalyzer).IsAssignableFrom(t) && t.Namespace == "MessagingAnalyzers." + area)
                .OrderBy(t => t.Name, StringComparer.Ordinal)
                .Select(t => (MessagingAnalyzer)Activator.CreateInstance(t))
                .ToImmutableArray())
        {
        }

        /// <summary>A host of the given rules (the four shipped hosts find theirs by folder; tests give their own).</summary>
        private protected RuleHost(ImmutableArray<MessagingAnalyzer> rules)
        {
            Rules = rules;
            SupportedDiagnostics = Rules.SelectMany(r => r.SupportedDiagnostics).GroupBy(d => d.Id).Select(g => g.First()).ToImmutableArray();
        }

        /// <summary>The rules this host runs, by class name.</summary>
        public ImmutableArray<MessagingAnalyzer> Rules { get; }

        public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

        public sealed override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCode.AnalysisFlags);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var registrations = new Registrations();
                var failure = default(FirstFailure);
                foreach (var rule in Rules)
                {
                    try
                    {
                        if (!IsTurnedOff(rule, start.Compilation, start.CancellationToken))
                        {
                            rule.Start(new RecordingCompilationStartContext(start, registrations, rule));
                        }
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        // A rule that fails to start does not keep the others from running.
                        failure.Record(rule, exception);
                    }
                }

                registrations.RegisterOn(start);
                failure.ThrowIfAny();
            });
        }

        /// <summary>
        /// Every diagnostic of the rule is turned off for the whole compilation (<c>/nowarn</c>, a rule set, or a
        /// global analyzer config). Severities set per file (.editorconfig sections) are left to the driver, which
        /// drops what the rule reports there.
        /// </summary>
        private static bool IsTurnedOff(DiagnosticAnalyzer rule, Compilation compilation, System.Threading.CancellationToken cancellationToken)
        {
            foreach (var descriptor in rule.SupportedDiagnostics)
            {
                if (compilation.Options.SpecificDiagnosticOptions.TryGetValue(descriptor.Id, out var option))
                {
                    if (option != ReportDiagnostic.Suppress)
                    {
                        return false;
                    }

                    continue;
                }

                if (compilation.Options.SyntaxTreeOptionsProvider is { } provider
                    && provider.TryGetGlobalDiagnosticValue(descriptor.Id, cancellationToken, out var global)
                    && global == ReportDiagnostic.Suppress)
                {
                    continue;
                }

                return false;
            }

            return true;
        }

        /// <summary>An action a rule registered, with the rule (to name it when the action fails).</summary>
        private readonly struct Entry<TContext>
        {
            public Entry(MessagingAnalyzer rule, Action<TContext> action)
            {
                Rule = rule;
                Action = action;
            }

            public MessagingAnalyzer Rule { get; }

            public Action<TContext> Action { get; }
        }

        /// <summary>
        /// Runs every rule's action. A rule that throws does not stop the others; the first failure is thrown after
        /// them all, naming the rule, so that the compiler reports it (AD0001) against the host.
        /// </summary>
        private static void Run<TContext>(Entry<TContext>[] entries, TContext context)
        {
            var failure = default(FirstFailure);
            Run(entries, context, ref failure);
            failure.ThrowIfAny();
        }

        /// <summary>As <see cref="Run{TContext}(Entry{TContext}[], TContext)"/>, for two sets of actions in turn.</summary>
        private static void Run<TContext>(Entry<TContext>[] first, Entry<TContext>[] second, TContext context)
        {
            var failure = default(FirstFailure);
            Run(first, context, ref failure);
            Run(second, context, ref failure);
            failure.ThrowIfAny();
        }

        private static void Run<TContext>(Entry<TContext>[] entries, TContext context, ref FirstFailure failure)
        {
            foreach (var entry in entries)
            {
                try
                {
                    entry.Action(context);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    failure.Record(entry.Rule, exception);
                }
            }
        }

        /// <summary>The first rule that failed in a round of rule actions, thrown (naming the rule) once the round is over.</summary>
        private struct FirstFailure
        {
            private Exception? _exception;
            private MessagingAnalyzer? _rule;

            public void Record(MessagingAnalyzer rule, Exception exception)
            {
                if (_exception is null)
                {
                    _exception = exception;
                    _rule = rule;
                }
            }

            public readonly void ThrowIfAny()
            {
                if (_exception is not null)
                {
                    throw new InvalidOperationException(
                        $"{_rule!.GetType().Name} ({string.Join(", ", _rule.SupportedDiagnostics.Select(d => d.Id))}) threw {_exception.GetType().Name}: {_exception.Message}",
                        _exception);
                }
            }
        }

        /// <summary>What the rules registered at compilation start, or at the start of one symbol.</summary>
        internal sealed class Registrations
        {
            // Allocated on first use: a symbol's scoped registrations are made for every type of the compilation.
            private Dictionary<OperationKind, List<Entry<OperationAnalysisContext>>>? _operations;
            private Dictionary<string, List<Entry<OperationAnalysisContext>>>? _invocationsByName;
            private Dictionary<SymbolKind, List<Entry<SymbolStartAnalysisContext>>>? _symbolStarts;
            private List<Entry<SymbolAnalysisContext>>? _symbolEnds;
            private List<Entry<CompilationAnalysisContext>>? _compilationEnds;
            private List<Entry<SemanticModelAnalysisContext>>? _semanticModels;

            public void AddOperation(MessagingAnalyzer rule, Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> kinds)
            {
                foreach (var kind in kinds)
                {
                    Add(ref _operations, kind, new Entry<OperationAnalysisContext>(rule, action));
                }
            }

            /// <summary>An invocation action for calls of the given method names only (<see cref="InvocationActions"/>).</summary>
            public void AddInvocation(MessagingAnalyzer rule, Action<OperationAnalysisContext> action, ImmutableArray<string> methodNames)
            {
                var entry = new Entry<OperationAnalysisContext>(rule, action);
                foreach (var name in new HashSet<string>(methodNames, StringComparer.Ordinal))
                {
                    Add(ref _invocationsByName, name, entry);
                }
            }

            public void AddSymbolStart(MessagingAnalyzer rule, Action<SymbolStartAnalysisContext> action, SymbolKind kind) =>
                Add(ref _symbolStarts, kind, new Entry<SymbolStartAnalysisContext>(rule, action));

            private static void Add<TKey, TContext>(ref Dictionary<TKey, List<Entry<TContext>>>? byKind, TKey kind, Entry<TContext> entry)
            {
                byKind ??= new Dictionary<TKey, List<Entry<TContext>>>();
                if (!byKind.TryGetValue(kind, out var list))
                {
                    byKind[kind] = list = new List<Entry<TContext>>();
                }

                list.Add(entry);
            }

            public void AddSymbolEnd(MessagingAnalyzer rule, Action<SymbolAnalysisContext> action) =>
                (_symbolEnds ??= new List<Entry<SymbolAnalysisContext>>()).Add(new Entry<SymbolAnalysisContext>(rule, action));

            public void AddSemanticModel(MessagingAnalyzer rule, Action<SemanticModelAnalysisContext> action) =>
                (_semanticModels ??= new List<Entry<SemanticModelAnalysisContext>>()).Add(new Entry<SemanticModelAnalysisContext>(rule, action));

            public void AddCompilationEnd(MessagingAnalyzer rule, Action<CompilationAnalysisContext> action) =>
                (_compilationEnds ??= new List<Entry<CompilationAnalysisContext>>()).Add(new Entry<CompilationAnalysisContext>(rule, action));

            /// <summary>One driver action per operation kind, per symbol kind, for the files' semantic models and for the compilation end.</summary>
            public void RegisterOn(CompilationStartAnalysisContext start)
            {
                RegisterOperations(start.RegisterOperationAction);

                foreach (var pair in _symbolStarts ?? Enumerable.Empty<KeyValuePair<SymbolKind, List<Entry<SymbolStartAnalysisContext>>>>())
                {
                    var entries = pair.Value.ToArray();
                    start.RegisterSymbolStartAction(
                        symbolStart =>
                        {
                            var scoped = new Registrations();
                            var recording = new RecordingSymbolStartContext(symbolStart, scoped);
                            // As for every other action: a rule that fails does not keep the others from starting.
                            var failure = default(FirstFailure);
                            foreach (var entry in entries)
                            {
                                recording.Rule = entry.Rule;
                                try
                                {
                                    entry.Action(recording);
                                }
                                catch (Exception exception) when (exception is not OperationCanceledException)
                                {
                                    failure.Record(entry.Rule, exception);
                                }
                            }

                            scoped.RegisterOn(symbolStart);
                            failure.ThrowIfAny();
                        },
                        pair.Key);
                }

                if (_semanticModels is { } files)
                {
                    var entries = files.ToArray();
                    start.RegisterSemanticModelAction(c => Run(entries, c));
                }

                if (_compilationEnds is { } ends)
                {
                    var entries = ends.ToArray();
                    start.RegisterCompilationEndAction(c => Run(entries, c));
                }
            }

            /// <summary>
            /// One driver action per operation kind, calling every rule's action for that kind; for invocations, the rules
            /// that see every call and those that named the called method.
            /// </summary>
            private void RegisterOperations(Action<Action<OperationAnalysisContext>, OperationKind[]> register)
            {
                var byName = _invocationsByName?.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
                var everyInvocation = Array.Empty<Entry<OperationAnalysisContext>>();
                foreach (var pair in _operations ?? Enumerable.Empty<KeyValuePair<OperationKind, List<Entry<OperationAnalysisContext>>>>())
                {
                    var entries = pair.Value.ToArray();
                    if (pair.Key == OperationKind.Invocation && byName is not null)
                    {
                        everyInvocation = entries;
                        continue;
                    }

                    register(c => Run(entries, c), new[] { pair.Key });
                }

                if (byName is not null)
                {
                    // One lookup of the called method's name for all the rules that judge calls by name; the rules that
                    // look at every invocation run as before.
                    register(
                        c =>
                        {
                            if (byName.TryGetValue(((IInvocationOperation)c.Operation).TargetMethod.Name, out var named))
                            {
                                Run(everyInvocation, named, c);
                            }
                            else if (everyInvocation.Length > 0)
                            {
                                Run(everyInvocation, c);
                            }
                        },
                        new[] { OperationKind.Invocation });
                }
            }

            /// <summary>The symbol-scoped actions: one per operation kind, and one symbol end.</summary>
            public void RegisterOn(SymbolStartAnalysisContext symbolStart)
            {
                RegisterOperations(symbolStart.RegisterOperationAction);

                if (_symbolEnds is { } ends)
                {
                    var entries = ends.ToArray();
                    symbolStart.RegisterSymbolEndAction(c => Run(entries, c));
                }
            }
        }
    }

    /// <summary>The rules of the Design folder: choosing Kafka or Redis for the job (MSG1xxx).</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DesignRules : RuleHost
    {
        public DesignRules()
            : base("Design")
        {
        }
    }

    /// <summary>The rules of the Kafka folder: Confluent.Kafka client misuse (MSG2xxx).</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class KafkaRules : RuleHost
    {
        public KafkaRules()
            : base("Kafka")
        {
        }
    }

    /// <summary>The rules of the Redis folder: StackExchange.Redis client misuse (MSG3xxx).</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RedisRules : RuleHost
    {
        public RedisRules()
            : base("Redis")
        {
        }
    }

    /// <summary>The rules of the Security folder: credentials and transport security of both clients (MSG4xxx).</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SecurityRules : RuleHost
    {
        public SecurityRules()
            : base("Security")
        {
        }
    }
}
