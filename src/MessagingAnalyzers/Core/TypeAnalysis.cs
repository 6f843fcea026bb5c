using System;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MessagingAnalyzers
{
    /// <summary>
    /// Once-per-type analysis, run from a semantic-model action: for each source file, every named type declared in
    /// it (nested types and the top-level-statements program included) is analyzed once the compiler has finished
    /// the file, so the members' operation trees the type-level models read are already built and cached.
    /// </summary>
    /// <remarks>
    /// Not a symbol-start/end pair: measured (docs/performance.md), the driver's per-symbol bookkeeping for
    /// symbol-start actions (for every method, field and property of the compilation, in every analyzer that
    /// registers one) was about a third of the processor time the package added to a build (611–662 against 424–444
    /// ms at 4x without it), and the execution-time log does not see it. A semantic-model action is one call per file. A partial type declared in several files is analyzed with each of them, and each run
    /// reports only the diagnostics located in its own file, so every diagnostic is reported once.
    /// </remarks>
    internal static class TypeAnalysis
    {
        private static readonly ConditionalWeakTable<SemanticModel, DeclaredTypes> Declared = new();

        /// <summary>Runs <paramref name="action"/> for every named type declared in a source file, file by file.</summary>
        public static void Register(CompilationStartAnalysisContext context, Action<TypeAnalysisContext> action) =>
            context.RegisterSemanticModelAction(c =>
            {
                foreach (var type in TypesDeclaredIn(c.SemanticModel, c.CancellationToken))
                {
                    c.CancellationToken.ThrowIfCancellationRequested();
                    action(new TypeAnalysisContext(type, c));
                }
            });

        /// <summary>
        /// The named types declared in the model's file, outermost first: classes, structs, records and interfaces,
        /// at any nesting, and the program type of top-level statements. Computed once per semantic model and shared
        /// by every rule that analyzes the file's types.
        /// </summary>
        internal static ImmutableArray<INamedTypeSymbol> TypesDeclaredIn(SemanticModel semanticModel, CancellationToken cancellationToken) =>
            Declared.GetValue(semanticModel, static m => new DeclaredTypes(m)).Get(cancellationToken);

        /// <summary>The types of one file, computed on first use (thread-safe; a cancelled computation is not kept).</summary>
        private sealed class DeclaredTypes
        {
            private readonly SemanticModel _semanticModel;
            private ImmutableArray<INamedTypeSymbol> _types;

            public DeclaredTypes(SemanticModel semanticModel) => _semanticModel = semanticModel;

            public ImmutableArray<INamedTypeSymbol> Get(CancellationToken cancellationToken)
            {
                if (_types.IsDefault)
                {
                    var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
                    Collect(_semanticModel.SyntaxTree.GetRoot(cancellationToken), builder, cancellationToken);
                    ImmutableInterlocked.InterlockedInitialize(ref _types, builder.ToImmutable());
                }

                return _types;
            }

            private void Collect(SyntaxNode node, ImmutableArray<INamedTypeSymbol>.Builder types, CancellationToken cancellationToken)
            {
                SyntaxList<MemberDeclarationSyntax> members;
                switch (node)
                {
                    case CompilationUnitSyntax unit:
                        members = unit.Members;
                        foreach (var member in members)
                        {
                            if (member is GlobalStatementSyntax)
                            {
                                // Top-level statements: the program type the compiler declares for them.
                                if (_semanticModel.GetDeclaredSymbol(unit, cancellationToken) is IMethodSymbol { ContainingType: { } program })
                                {
                                    types.Add(program);
                                }

                                break;
                            }
                        }

                        break;
                    case BaseNamespaceDeclarationSyntax ns:
                        members = ns.Members;
                        break;
                    case TypeDeclarationSyntax type:
                        if (_semanticModel.GetDeclaredSymbol(type, cancellationToken) is INamedTypeSymbol symbol)
                        {
                            types.Add(symbol);
                        }

                        members = type.Members;
                        break;
                    default:
                        return;
                }

                foreach (var member in members)
                {
                    if (member is BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax)
                    {
                        Collect(member, types, cancellationToken);
                    }
                }
            }
        }
    }

    /// <summary>What a once-per-type action gets: the type, the file being analyzed, and a way to report.</summary>
    internal readonly struct TypeAnalysisContext
    {
        private readonly SemanticModelAnalysisContext _file;

        public TypeAnalysisContext(INamedTypeSymbol symbol, SemanticModelAnalysisContext file)
        {
            Symbol = symbol;
            _file = file;
        }

        /// <summary>The type analyzed.</summary>
        public INamedTypeSymbol Symbol { get; }

        public Compilation Compilation => _file.SemanticModel.Compilation;

        public AnalyzerOptions Options => _file.Options;

        public CancellationToken CancellationToken => _file.CancellationToken;

        /// <summary>
        /// Reports <paramref name="diagnostic"/> if it is located in the file being analyzed (a partial type is
        /// analyzed with each of its files) and not in generated code or tests (<see cref="Reporting"/>; generated code includes a type or member
        /// marked <c>[GeneratedCode]</c> in a file that is not generated); a diagnostic outside source is reported with
        /// the type's first file.
        /// </summary>
        public void Report(Diagnostic diagnostic)
        {
            var tree = diagnostic.Location.SourceTree;
            if ((tree == _file.SemanticModel.SyntaxTree
                    || (tree is null && Symbol.DeclaringSyntaxReferences is { Length: > 0 } references && references[0].SyntaxTree == _file.SemanticModel.SyntaxTree))
                && Reporting.IsReportable(diagnostic.Location, Compilation, Options, CancellationToken))
            {
                _file.ReportDiagnostic(diagnostic);
            }
        }
    }
}
