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
            var alone = await RunAsync(compilation, RuleCatalog.Analyzers);
            var hosted = await RunAsync(compilation, RuleCatalog.Hosts.CastArray<DiagnosticAnalyzer>());

            Assert.True(alone.Count > 100, $"expected the corpus to produce findings; got {alone.Count}");
            Assert.Equal(alone, hosted);
        }

        [Fact]
        public async Task ARuleTurnedOffForTheCompilation_ReportsNothing_AndTheOthersStillRun()
        {
            var compilation = Corpus(ClientSet.All[ClientSet.All.Count - 1]);
            var all = await RunAsync(compilation, RuleCatalog.Hosts.CastArray<DiagnosticAnalyzer>());
            var off = all.Select(d => d.Split(':')[0]).GroupBy(id => id).OrderByDescending(g => g.Count()).First().Key;

            var options = compilation.Options.WithSpecificDiagnosticOptions(ImmutableDictionary<string, ReportDiagnostic>.Empty.Add(off, ReportDiagnostic.Suppress));
            var some = await RunAsync(compilation.WithOptions(options), RuleCatalog.Hosts.CastArray<DiagnosticAnalyzer>());

            Assert.DoesNotContain(some, d => d.StartsWith(off + ":", StringComparison.Ordinal));
            Assert.Equal(all.Where(d => !d.StartsWith(off + ":", StringComparison.Ordinal)), some);
        }

        [Fact]
        public async Task ARuleThatThrows_DoesNotStopTheOthers_AndIsNamedInTheFailure()
        {
            var host = new TestHost(new ThrowingRule(), new global::MessagingAnalyzers.Kafka.ProduceAsyncBlockedAnalyzer(), new global::MessagingAnalyzers.Kafka.WeakProducerDurabilityAnalyzer());

            var (diagnostics, exceptions) = await RunHostAsync(host);

            Assert.Contains(diagnostics, d => d.Id == "MSG2001");
            Assert.Contains(diagnostics, d => d.Id == "MSG2009");
            Assert.NotEmpty(exceptions);
            Assert.Contains("ThrowingRule (TEST001) threw NotImplementedException", exceptions[0].Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task ARuleThatFailsToStart_DoesNotKeepTheOthersFromRunning()
        {
            var host = new TestHost(new FailingStartRule(), new global::MessagingAnalyzers.Kafka.ProduceAsyncBlockedAnalyzer());

            var (diagnostics, exceptions) = await RunHostAsync(host);

            Assert.Contains(diagnostics, d => d.Id == "MSG2001");
            Assert.Contains(exceptions, e => e.Message.Contains("FailingStartRule (TEST002) threw NotSupportedException", StringComparison.Ordinal));
        }

        [Fact]
        public async Task CallsDispatchedByName_ReachExactlyTheRulesThatNamedThem()
        {
            // A rule that sees every call beside one that judges "Flush" and "ProduceAsync" only: the host looks the
            // name up once, and the named rule gets exactly the calls of those names; alone, it filters the same way.
            var host = new TestHost(new EveryCallRule(), new NamedCallRule());
            var (diagnostics, exceptions) = await RunHostAsync(host);
            Assert.Empty(exceptions);
            var everyCall = diagnostics.Where(d => d.Id == "TEST004").Select(d => d.GetMessage()).ToList();
            var named = diagnostics.Where(d => d.Id == "TEST003").Select(d => d.GetMessage()).ToList();
            Assert.NotEmpty(named);
            Assert.Equal(everyCall.Where(m => m is "Flush" or "ProduceAsync").OrderBy(m => m, StringComparer.Ordinal), named.OrderBy(m => m, StringComparer.Ordinal));

            var alone = await Corpus(ClientSet.All[ClientSet.All.Count - 1]).WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new NamedCallRule())).GetAnalyzerDiagnosticsAsync();
            Assert.Equal(named.Count, alone.Length);
        }

        [Fact]
        public async Task ARuleThatThrowsOnANamedCall_DoesNotStopTheOtherRulesOfThatName()
        {
            var host = new TestHost(new NamedCallRule(throws: true), new global::MessagingAnalyzers.Kafka.ProduceAsyncBlockedAnalyzer());

            var (diagnostics, exceptions) = await RunHostAsync(host);

            Assert.Contains(diagnostics, d => d.Id == "MSG2001");
            Assert.Contains(exceptions, e => e.Message.Contains("NamedCallRule (TEST003) threw NotImplementedException", StringComparison.Ordinal));
        }

        /// <summary>The test host on the corpus: what it reports, and the analyzer exceptions the compiler saw.</summary>
        private static async Task<(ImmutableArray<Diagnostic> Diagnostics, List<Exception> Exceptions)> RunHostAsync(RuleHost host)
        {
            var exceptions = new List<Exception>();
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), (e, _, _) => exceptions.Add(e), concurrentAnalysis: false, logAnalyzerExecutionTime: false);
            var diagnostics = await Corpus(ClientSet.All[ClientSet.All.Count - 1]).WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(host), options).GetAnalyzerDiagnosticsAsync();
            return (diagnostics, exceptions);
        }

#pragma warning disable RS1001, RS1012, RS2008 // test-only analyzers: never loaded by a compiler, no shipped rule; one registers nothing on purpose
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

        /// <summary>Reports the name of every call of <c>Flush</c> or <c>ProduceAsync</c> (or throws there), through the name dispatch.</summary>
        private sealed class NamedCallRule : MessagingAnalyzer
        {
            private static readonly DiagnosticDescriptor Descriptor = new("TEST003", "Test", "{0}", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);
            private readonly bool _throws;

            public NamedCallRule(bool throws = false) => _throws = throws;

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptor);

            private protected override ClientLibraries RequiredLibraries => ClientLibraries.Any;

            private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging) =>
                context.RegisterInvocationAction(ImmutableArray.Create("Flush", "ProduceAsync"), c =>
                {
                    if (_throws)
                    {
                        throw new NotImplementedException();
                    }

                    c.ReportDiagnostic(Diagnostic.Create(Descriptor, c.Operation.Syntax.GetLocation(), ((Microsoft.CodeAnalysis.Operations.IInvocationOperation)c.Operation).TargetMethod.Name));
                });
        }

        /// <summary>Reports the name of every call, with a plain invocation action.</summary>
        private sealed class EveryCallRule : MessagingAnalyzer
        {
            private static readonly DiagnosticDescriptor Descriptor = new("TEST004", "Test", "{0}", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptor);

            private protected override ClientLibraries RequiredLibraries => ClientLibraries.Any;

            private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging) =>
                context.RegisterOperationAction(
                    c => c.ReportDiagnostic(Diagnostic.Create(Descriptor, c.Operation.Syntax.GetLocation(), ((Microsoft.CodeAnalysis.Operations.IInvocationOperation)c.Operation).TargetMethod.Name)),
                    OperationKind.Invocation);
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

        private static CSharpCompilation Corpus(ClientSet clients) => FuzzSources.Compilation(clients, "Corpus");

        /// <summary>Every diagnostic as "ID: path(line,col): message", sorted; any analyzer exception fails the test.</summary>
        private static async Task<List<string>> RunAsync(CSharpCompilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            var exceptions = new List<Exception>();
            var analyzerOptions = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), (e, _, _) => exceptions.Add(e), concurrentAnalysis: true, logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(analyzers, analyzerOptions).GetAnalyzerDiagnosticsAsync();
            Assert.Empty(exceptions);
            return diagnostics
                .Select(d => $"{d.Id}: {d.Location.GetLineSpan()}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
                .OrderBy(d => d, StringComparer.Ordinal)
                .ToList();
        }
    }
}
