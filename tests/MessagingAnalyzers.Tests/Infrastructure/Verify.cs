using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace MessagingAnalyzers.Tests.Infrastructure
{
    /// <summary>Options of one verification: .editorconfig text, output kind, extra sources.</summary>
    public sealed class VerifyOptions
    {
        /// <summary>Body of the project's .editorconfig (without the <c>[*.cs]</c> header).</summary>
        public string? EditorConfig { get; init; }

        public OutputKind OutputKind { get; init; } = OutputKind.DynamicallyLinkedLibrary;

        /// <summary>Which code action of the fixer to apply (by equivalence key).</summary>
        public string? EquivalenceKey { get; init; }

        /// <summary>The diagnostics are reported at the end of the compilation (non-local), as for MSG3003/MSG3005.</summary>
        public bool CompilationEndDiagnostics { get; init; }

        /// <summary>Body of a global AnalyzerConfig file (without the <c>is_global = true</c> line).</summary>
        public string? GlobalConfig { get; init; }

        /// <summary>Diagnostics that the fixes leave (occurrences without a fix), located in the fixed source.</summary>
        public IReadOnlyList<DiagnosticResult> Remaining { get; init; } = Array.Empty<DiagnosticResult>();

        /// <summary>The project's assembly name (the testing library's default when null).</summary>
        public string? AssemblyName { get; init; }

        /// <summary>Client sets to run against; every supported set by default.</summary>
        public IReadOnlyList<ClientSet> ClientSets { get; init; } = ClientSet.All;
    }

    /// <summary>
    /// Verifies an analyzer against every supported client library version. Sources use the
    /// Microsoft.CodeAnalysis.Testing markup (<c>{|#0:...|}</c>, <c>[|...|]</c>); the test compilation must
    /// have no compiler errors (source and, for code fixes, fixed code).
    /// </summary>
    public static class Verify<TAnalyzer>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        /// <summary>The rule's diagnostic; additional locations (used by code fixes) are not compared.</summary>
        public static DiagnosticResult Diagnostic() => new DiagnosticResult(new TAnalyzer().SupportedDiagnostics[0]).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

        public static DiagnosticResult Diagnostic(int markupKey) => Diagnostic().WithLocation(markupKey);

        public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected) =>
            AnalyzerAsync(source, new VerifyOptions(), expected);

        public static async Task AnalyzerAsync(string source, VerifyOptions options, params DiagnosticResult[] expected)
        {
            foreach (var clients in options.ClientSets)
            {
                var test = new AnalyzerTest(clients);
                TestSetup.Configure(test, test.TestState, clients, source, options);
                test.ExpectedDiagnostics.AddRange(expected);
                await TestSetup.RunAsync(clients, () => test.RunAsync(CancellationToken.None));
                await TestSetup.RunAsync(clients, () => FixSweep.RunAsync(source, options, clients));
            }
        }

        private sealed class AnalyzerTest : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            public AnalyzerTest(ClientSet clients) => TestSetup.AddReferences(SolutionTransforms, clients);
        }
    }

    /// <summary>Verifies a code fix (including Fix All in document, project and solution) against every client version.</summary>
    public static class Verify<TAnalyzer, TCodeFix>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        public static DiagnosticResult Diagnostic(int markupKey) => Verify<TAnalyzer>.Diagnostic(markupKey);

        public static Task CodeFixAsync(string source, string fixedSource, params DiagnosticResult[] expected) =>
            CodeFixAsync(source, fixedSource, new VerifyOptions(), expected);

        public static async Task CodeFixAsync(string source, string fixedSource, VerifyOptions options, params DiagnosticResult[] expected)
        {
            foreach (var clients in options.ClientSets)
            {
                var test = new CodeFixTest(clients);
                TestSetup.Configure(test, test.TestState, clients, source, options);
                test.FixedState.Sources.Add(fixedSource);
                test.FixedState.Sources.Add((Stubs.FileName, Stubs.Source));
                test.FixedState.OutputKind = options.OutputKind;
                test.FixedState.ExpectedDiagnostics.AddRange(options.Remaining);
                test.ExpectedDiagnostics.AddRange(expected);
                test.CodeActionEquivalenceKey = options.EquivalenceKey;
                if (options.CompilationEndDiagnostics)
                {
                    test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipLocalDiagnosticCheck;
                }

                await TestSetup.RunAsync(clients, () => test.RunAsync(CancellationToken.None));
                await TestSetup.RunAsync(clients, () => FixSweep.RunAsync(source, options, clients));
            }
        }

        private sealed class CodeFixTest : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            public CodeFixTest(ClientSet clients) => TestSetup.AddReferences(SolutionTransforms, clients);
        }
    }

    internal static class TestSetup
    {
        /// <summary>No reference package: the references come from Basic.Reference.Assemblies and the client set.</summary>
        private static readonly ReferenceAssemblies NoPackages = new("net10.0");

        public static void AddReferences(List<Func<Solution, ProjectId, Solution>> transforms, ClientSet clients)
        {
            transforms.Add((solution, projectId) =>
            {
                var project = solution.GetProject(projectId)!;
                var parseOptions = ((CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(LanguageVersion.Latest);
                return solution
                    .WithProjectParseOptions(projectId, parseOptions)
                    .AddMetadataReferences(projectId, Basic.Reference.Assemblies.Net100.References.All)
                    .AddMetadataReferences(projectId, clients.References);
            });
        }

        public static void Configure(AnalyzerTest<DefaultVerifier> test, SolutionState state, ClientSet clients, string source, VerifyOptions options)
        {
            test.ReferenceAssemblies = NoPackages;
            state.Sources.Add(source);
            state.Sources.Add((Stubs.FileName, Stubs.Source));
            state.OutputKind = options.OutputKind;
            if (options.AssemblyName is { } assemblyName)
            {
                test.SolutionTransforms.Add((solution, projectId) => solution.WithProjectAssemblyName(projectId, assemblyName));
            }

            if (options.EditorConfig is not null)
            {
                state.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + options.EditorConfig));
            }

            if (options.GlobalConfig is not null)
            {
                state.AnalyzerConfigFiles.Add(("/messaging.globalconfig", "is_global = true\n" + options.GlobalConfig));
            }
        }

        public static async Task RunAsync(ClientSet clients, Func<Task> run)
        {
            try
            {
                await run();
            }
            catch (Exception e) when (e is not ClientSetException)
            {
                throw new ClientSetException($"With {clients}:{Environment.NewLine}{e.Message}", e);
            }
        }
    }

    /// <summary>A verification failure, naming the client versions it failed with.</summary>
    public sealed class ClientSetException : Exception
    {
        public ClientSetException(string message, Exception inner)
            : base(message, inner)
        {
        }
    }
}
