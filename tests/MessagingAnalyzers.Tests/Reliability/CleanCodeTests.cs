using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using MessagingAnalyzers.Tests.Meta;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace MessagingAnalyzers.Tests.Reliability
{
    /// <summary>
    /// Realistic code that uses both clients well (Reliability/Clean: workers, publishers, caches, locks, streams,
    /// pub/sub handlers, DI, controllers, configuration templates, integration tests) draws no diagnostic from what
    /// the package ships, with every supported client version. Each shape here was once a false positive or is a
    /// rule's "not flagged" case in the form real code writes it.
    /// </summary>
    public class CleanCodeTests
    {
        public static TheoryData<int> ClientSets() => new(Enumerable.Range(0, ClientSet.All.Count));

        [Theory]
        [MemberData(nameof(ClientSets))]
        public async Task CleanCode_DrawsNoDiagnostic(int clientSet)
        {
            var sources = Directory.GetFiles(Repository.PathOf("tests", "MessagingAnalyzers.Tests", "Reliability", "Clean"), "*.cs")
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => (Path.GetFileName(f), File.ReadAllText(f)));
            var compilation = FuzzSources.Compilation(ClientSet.All[clientSet], "Clean", sources);
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: true, logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(RuleCatalog.Shipped, options).GetAnalyzerDiagnosticsAsync();
            Assert.Empty(diagnostics.Select(d => d.ToString()));
        }
    }
}
