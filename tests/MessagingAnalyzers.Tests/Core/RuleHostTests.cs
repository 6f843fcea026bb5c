using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using MessagingAnalyzers.Tests.Meta;
using MessagingAnalyzers.Tests.Reliability;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace MessagingAnalyzers.Tests.Core
{
    /// <summary>
    /// The package ships four rule hosts, not one analyzer per rule: they must run every rule exactly once and
    /// report exactly what the rules report on their own.
    /// </summary>
    public class RuleHostTests
    {
        [Fact]
        public void TheCompilerLoadsTheHostsAndTheSuppressor_NotTheRules()
        {
            Assert.Equal(
                new[] { "DesignRules", "KafkaRules", "ProduceWithDeliveryHandlerSuppressor", "RedisRules", "SecurityRules" },
                RuleCatalog.Shipped.Select(a => a.GetType().Name).OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public void EveryRule_IsHostedOnce_ByTheHostOfItsFolder()
        {
            var hosted = RuleCatalog.Hosts.SelectMany(h => h.Rules.Select(r => (Host: h, Rule: r))).ToList();
            Assert.Equal(
                RuleCatalog.Analyzers.Select(a => a.GetType().FullName).OrderBy(n => n, StringComparer.Ordinal),
                hosted.Select(h => h.Rule.GetType().FullName).OrderBy(n => n, StringComparer.Ordinal));
            foreach (var (host, rule) in hosted)
            {
                Assert.Equal(RuleCatalog.Family(rule.GetType()) + "Rules", host.GetType().Name);
            }
        }

        [Fact]
        public void EachHost_SupportsExactlyTheDiagnosticsOfItsRules()
        {
            foreach (var host in RuleCatalog.Hosts)
            {
                Assert.Equal(
                    host.Rules.SelectMany(r => r.SupportedDiagnostics).Select(d => d.Id).Distinct().OrderBy(i => i, StringComparer.Ordinal),
                    host.SupportedDiagnostics.Select(d => d.Id).OrderBy(i => i, StringComparer.Ordinal));
            }
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        public async Task TheHosts_ReportWhatTheRulesReportOnTheirOwn(int clientSet)
        {
            var compilation = Corpus(ClientSet.All[clientSet]);
            var alone = await RunAsync(compilation, RuleCatalog.Analyzers, CompilationOptionsOf(compilation));
            var hosted = await RunAsync(compilation, RuleCatalog.Hosts.CastArray<DiagnosticAnalyzer>(), CompilationOptionsOf(compilation));

            Assert.True(alone.Count > 100, $"expected the corpus to produce findings; got {alone.Count}");
            Assert.Equal(alone, hosted);
        }

        [Fact]
        public async Task ARuleTurnedOffForTheCompilation_ReportsNothing_AndTheOthersStillRun()
        {
            var compilation = Corpus(ClientSet.All[ClientSet.All.Count - 1]);
            var all = await RunAsync(compilation, RuleCatalog.Hosts.CastArray<DiagnosticAnalyzer>(), CompilationOptionsOf(compilation));
            var off = all.Select(d => d.Split(':')[0]).GroupBy(id => id).OrderByDescending(g => g.Count()).First().Key;

            var options = CompilationOptionsOf(compilation).WithSpecificDiagnosticOptions(ImmutableDictionary<string, ReportDiagnostic>.Empty.Add(off, ReportDiagnostic.Suppress));
            var some = await RunAsync(compilation.WithOptions(options), RuleCatalog.Hosts.CastArray<DiagnosticAnalyzer>(), options);

            Assert.DoesNotContain(some, d => d.StartsWith(off + ":", StringComparison.Ordinal));
            Assert.Equal(all.Where(d => !d.StartsWith(off + ":", StringComparison.Ordinal)), some);
        }

        [Fact]
        public async Task ARuleThatThrows_DoesNotStopTheOthers_AndIsNamedInTheFailure()
        {
            var compilation = Corpus(ClientSet.All[ClientSet.All.Count - 1]);
            var exceptions = new List<Exception>();
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), (e, _, _) => exceptions.Add(e), concurrentAnalysis: false, logAnalyzerExecutionTime: false);
            var host = new TestHost(new ThrowingRule(), new global::MessagingAnalyzers.Kafka.ProduceAsyncBlockedAnalyzer(), new global::MessagingAnalyzers.Kafka.WeakProducerDurabilityAnalyzer());

            var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(host), options).GetAnalyzerDiagnosticsAsync();

            Assert.Contains(diagnostics, d => d.Id == "MSG2001");
            Assert.Contains(diagnostics, d => d.Id == "MSG2009");
            Assert.NotEmpty(exceptions);
            Assert.Contains("ThrowingRule (TEST001) threw NotImplementedException", exceptions[0].Message, StringComparison.Ordinal);
        }

#pragma warning disable RS1001, RS1012, RS2008 // test-only analyzers: never loaded by a compiler, no shipped rule; one registers nothing on purpose
        [Fact]
        public async Task ARuleThatFailsToStart_DoesNotKeepTheOthersFromRunning()
        {
            var compilation = Corpus(ClientSet.All[ClientSet.All.Count - 1]);
            var exceptions = new List<Exception>();
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), (e, _, _) => exceptions.Add(e), concurrentAnalysis: false, logAnalyzerExecutionTime: false);
            var host = new TestHost(new FailingStartRule(), new global::MessagingAnalyzers.Kafka.ProduceAsyncBlockedAnalyzer());

            var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(host), options).GetAnalyzerDiagnosticsAsync();

            Assert.Contains(diagnostics, d => d.Id == "MSG2001");
            Assert.Contains(exceptions, e => e.Message.Contains("FailingStartRule (TEST002) threw NotSupportedException", StringComparison.Ordinal));
        }

        private sealed class TestHost : RuleHost
        {
            public TestHost(params MessagingAnalyzer[] rules)
                : base(rules.ToImmutableArray())
            {
            }
        }

        /// <summary>Throws on every invocation and at the start of every type, and is registered before the real rules.</summary>
        private sealed class ThrowingRule : MessagingAnalyzer
        {
            private static readonly DiagnosticDescriptor Descriptor = new("TEST001", "Test", "Test", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptor);

            private protected override ClientLibraries RequiredLibraries => ClientLibraries.Any;

            private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
            {
                context.RegisterOperationAction(_ => throw new NotImplementedException(), OperationKind.Invocation);
                context.RegisterSymbolStartAction(_ => throw new NotImplementedException(), SymbolKind.NamedType);
            }
        }

        /// <summary>Throws in its compilation start.</summary>
        private sealed class FailingStartRule : MessagingAnalyzer
        {
            private static readonly DiagnosticDescriptor Descriptor = new("TEST002", "Test", "Test", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptor);

            private protected override ClientLibraries RequiredLibraries => ClientLibraries.Any;

            private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging) =>
                throw new NotSupportedException();
        }
#pragma warning restore RS1001, RS1012, RS2008

        private static CSharpCompilationOptions CompilationOptionsOf(CSharpCompilation compilation) => compilation.Options;

        private static CSharpCompilation Corpus(ClientSet clients)
        {
            var trees = FuzzSources.All()
                .Select((s, i) => CSharpSyntaxTree.ParseText(s.Text, new CSharpParseOptions(LanguageVersion.Latest), path: $"/{i}/{s.Name.Replace('/', '_').Replace('#', '_')}.cs"))
                .Append(CSharpSyntaxTree.ParseText(Stubs.Source, new CSharpParseOptions(LanguageVersion.Latest), path: "/stubs.cs"));
            return CSharpCompilation.Create("Corpus", trees, Basic.Reference.Assemblies.Net100.References.All.Concat(clients.References), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        }

        /// <summary>Every diagnostic as "ID: path(line,col): message", sorted; any analyzer exception fails the test.</summary>
        private static async Task<List<string>> RunAsync(CSharpCompilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, CSharpCompilationOptions options)
        {
            var exceptions = new List<Exception>();
            var analyzerOptions = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), (e, _, _) => exceptions.Add(e), concurrentAnalysis: true, logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithOptions(options).WithAnalyzers(analyzers, analyzerOptions).GetAnalyzerDiagnosticsAsync();
            Assert.Empty(exceptions);
            return diagnostics
                .Select(d => $"{d.Id}: {d.Location.GetLineSpan()}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
                .OrderBy(d => d, StringComparer.Ordinal)
                .ToList();
        }
    }
}
