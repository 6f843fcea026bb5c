using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using MessagingAnalyzers.Tests.Meta;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace MessagingAnalyzers.Tests.Reliability
{
    /// <summary>
    /// Every analyzer and code fix runs on deterministically mutated code (truncated, ranges deleted, tokens
    /// dropped, identifiers renamed to unknown names) without throwing. Seeds are fixed; set
    /// MESSAGING_ANALYZERS_FUZZ_ROUNDS to run more rounds (each round uses new seeds).
    /// </summary>
    public class RobustnessTests
    {
        private const int BaseSeed = 20261125;

        public static int Rounds => int.TryParse(Environment.GetEnvironmentVariable("MESSAGING_ANALYZERS_FUZZ_ROUNDS"), out var rounds) && rounds > 0 ? rounds : 1;

        [Fact]
        public async Task AnalyzersAndCodeFixes_NeverThrow_OnMutatedCode()
        {
            var sources = FuzzSources.All();
            Assert.True(sources.Count > 50, $"expected the test sources, samples and corpus; found {sources.Count}");
            // What ships: the rule hosts (a rule that throws is named in the host's exception) and the suppressor.
            var analyzers = RuleCatalog.Shipped;
            var failures = new ConcurrentQueue<string>();
            var variants = 0;
            var clientSets = Rounds > 1 ? ClientSet.All : new[] { ClientSet.All[ClientSet.All.Count - 1] };

            foreach (var clients in clientSets)
            {
                using var workspace = new AdhocWorkspace();
                for (var round = 0; round < Rounds; round++)
                {
                    await Parallel.ForEachAsync(Enumerable.Range(0, sources.Count), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (i, ct) =>
                    {
                        var (name, text) = sources[i];
                        var seed = BaseSeed + (round * 100_003) + i;
                        var random = new Random(seed);
                        var kind = i % 7 == 0 && round == 0 ? 0 : random.Next(1, Mutator.Kinds);
                        var mutated = Mutator.Mutate(text, kind, random);
                        Interlocked.Increment(ref variants);
                        var failure = await RunAsync(workspace, clients, analyzers, mutated, ct);
                        if (failure is not null)
                        {
                            failures.Enqueue($"{name} (seed {seed}, mutation {kind}, {clients}): {failure}\n--- code ---\n{mutated}\n------------");
                        }
                    });
                }
            }

            Assert.True(failures.IsEmpty, $"{failures.Count} of {variants} variants failed:\n" + string.Join("\n\n", failures.Take(3)));
        }

        [Fact]
        public async Task IncompleteCode_ProducesNoDiagnosticsAndNoExceptions()
        {
            const string Source = @"using System;
using System.Threading.Tasks;
using Confluent.Kafka;
using StackExchange.Redis;

class Broken
{
    async Task M(IProducer<string, string> producer, IDatabase db, ISubscriber sub, UnknownThing unknown)
    {
        producer.ProduceAsync(;
        var x = producer.ProduceAsync().Result;
        unknown.Publish(""orders"", new OrderPlaced());
        sub.Publish();
        db.StringIncrement();
        db.KeyExpire();
        db.LockTake(""lock"", , TimeSpan.MaxValue
        UnknownBuilder.Build();
        await missing.ProduceAsync(""t"", null);
        ConnectionMultiplexer.Connect(
    }
";
            using var workspace = new AdhocWorkspace();
            var analyzers = RuleCatalog.Shipped;
            foreach (var clients in ClientSet.All)
            {
                var failure = await RunAsync(workspace, clients, analyzers, Source, CancellationToken.None, expectNoDiagnostics: true);
                Assert.Null(failure);
            }
        }

        /// <summary>Runs every analyzer, then every code fix of every diagnostic; returns a failure description or null.</summary>
        internal static async Task<string?> RunAsync(AdhocWorkspace workspace, ClientSet clients, ImmutableArray<DiagnosticAnalyzer> analyzers, string text, CancellationToken cancellationToken, bool expectNoDiagnostics = false)
        {
            var projectId = ProjectId.CreateNewId();
            var solution = workspace.CurrentSolution
                .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Fuzz", "Fuzz", LanguageNames.CSharp,
                    compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
                    parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                    metadataReferences: Basic.Reference.Assemblies.Net100.References.All.Concat(clients.References)))
                .AddDocument(DocumentId.CreateNewId(projectId), "Stubs.cs", SourceText.From(Stubs.Source));
            var documentId = DocumentId.CreateNewId(projectId);
            solution = solution.AddDocument(documentId, "Fuzz.cs", SourceText.From(text));
            var document = solution.GetDocument(documentId)!;
            var compilation = (await document.Project.GetCompilationAsync(cancellationToken))!;

            var exceptions = new ConcurrentQueue<string>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                (exception, analyzer, _) => exceptions.Enqueue($"{analyzer.GetType().Name} threw {exception}"),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(cancellationToken);
            if (!exceptions.IsEmpty)
            {
                return exceptions.First();
            }

            if (diagnostics.FirstOrDefault(d => d.Id == "AD0001") is { } ad0001)
            {
                return ad0001.ToString();
            }

            if (expectNoDiagnostics && diagnostics.FirstOrDefault(d => d.Id.StartsWith("MSG", StringComparison.Ordinal)) is { } unexpected)
            {
                return "unexpected diagnostic on incomplete code: " + unexpected;
            }

            var tree = await document.GetSyntaxTreeAsync(cancellationToken);
            foreach (var diagnostic in diagnostics.Where(d => d.Location.SourceTree == tree))
            {
                foreach (var fixer in RuleCatalog.CodeFixes.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
                {
                    try
                    {
                        var actions = new List<CodeAction>();
                        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
                        await fixer.RegisterCodeFixesAsync(context);
                        foreach (var action in actions)
                        {
                            foreach (var operation in await action.GetOperationsAsync(cancellationToken))
                            {
                                if (operation is ApplyChangesOperation apply)
                                {
                                    var changed = apply.ChangedSolution.GetDocument(documentId);
                                    _ = changed is null ? null : await changed.GetTextAsync(cancellationToken);
                                }
                            }
                        }
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        return $"{fixer.GetType().Name} threw on {diagnostic}: {e}";
                    }
                }
            }

            return null;
        }
    }
}
