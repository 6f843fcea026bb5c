using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

// RS1012 ("the start context registers no actions") misreads the wrapped contexts: the host registers what the
// rules recorded on them (RuleHost.Registrations.RegisterOn), and everything else is registered on them directly.
#pragma warning disable RS1012

namespace MessagingAnalyzers
{
    /// <summary>
    /// The compilation-start context a <see cref="RuleHost"/> gives each rule: operation, symbol-start, semantic-model and
    /// compilation-end actions are recorded, to be registered once for all rules; anything else is passed to the
    /// driver's context as is.
    /// </summary>
    internal sealed class RecordingCompilationStartContext : CompilationStartAnalysisContext
    {
        private readonly CompilationStartAnalysisContext _inner;
        private readonly RuleHost.Registrations _registrations;
        private readonly MessagingAnalyzer _rule;

        public RecordingCompilationStartContext(CompilationStartAnalysisContext inner, RuleHost.Registrations registrations, MessagingAnalyzer rule)
            : base(inner.Compilation, inner.Options, inner.CancellationToken)
        {
            _inner = inner;
            _registrations = registrations;
            _rule = rule;
        }

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
            _registrations.AddOperation(_rule, action, operationKinds);

        /// <summary>An invocation action for calls of the given method names (<see cref="InvocationActions"/>).</summary>
        public void RegisterInvocationAction(ImmutableArray<string> methodNames, Action<OperationAnalysisContext> action) =>
            _registrations.AddInvocation(_rule, action, methodNames);

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) =>
            _registrations.AddSymbolStart(_rule, action, symbolKind);

        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) =>
            _registrations.AddCompilationEnd(_rule, action);

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) =>
            _registrations.AddSemanticModel(_rule, action);

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => _inner.RegisterSymbolAction(action, symbolKinds);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => _inner.RegisterCodeBlockStartAction(action);

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => _inner.RegisterCodeBlockAction(action);

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => _inner.RegisterSyntaxTreeAction(action);

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => _inner.RegisterAdditionalFileAction(action);

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => _inner.RegisterSyntaxNodeAction(action, syntaxKinds);

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => _inner.RegisterOperationBlockStartAction(action);

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => _inner.RegisterOperationBlockAction(action);
    }

    /// <summary>
    /// The symbol-start context a <see cref="RuleHost"/> gives each rule: operation and symbol-end actions are
    /// recorded, to be registered once for all rules in this symbol; anything else is passed on as is.
    /// </summary>
    internal sealed class RecordingSymbolStartContext : SymbolStartAnalysisContext
    {
        private readonly SymbolStartAnalysisContext _inner;
        private readonly RuleHost.Registrations _registrations;

        // The constructor that also takes IsGeneratedCode/FilterTree/FilterSpan is internal in Roslyn 4.8 (the oldest
        // compiler the package supports); this one is public, marked obsolete to steer tests towards
        // CompilationWithAnalyzers, and kept in later versions. No rule reads those three properties.
#pragma warning disable CS0618
        public RecordingSymbolStartContext(SymbolStartAnalysisContext inner, RuleHost.Registrations registrations)
            : base(inner.Symbol, inner.Compilation, inner.Options, inner.CancellationToken)
#pragma warning restore CS0618
        {
            _inner = inner;
            _registrations = registrations;
        }

        /// <summary>The rule whose symbol-start action is running (one context serves every rule of a symbol, in turn).</summary>
        public MessagingAnalyzer? Rule { get; set; }

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
            _registrations.AddOperation(Rule!, action, operationKinds);

        public override void RegisterSymbolEndAction(Action<SymbolAnalysisContext> action) => _registrations.AddSymbolEnd(Rule!, action);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => _inner.RegisterCodeBlockStartAction(action);

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => _inner.RegisterCodeBlockAction(action);

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => _inner.RegisterSyntaxNodeAction(action, syntaxKinds);

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => _inner.RegisterOperationBlockStartAction(action);

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => _inner.RegisterOperationBlockAction(action);
    }
}
