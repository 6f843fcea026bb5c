using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using MessagingAnalyzers.Kafka;
using MessagingAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace MessagingAnalyzers.Tests.Kafka
{
    /// <summary>
    /// MSGS001 with the real CA1849 (Microsoft.CodeAnalysis.NetAnalyzers) and VSTHRD103
    /// (Microsoft.VisualStudio.Threading.Analyzers): only <c>Produce(..., deliveryHandler)</c> is suppressed.
    /// </summary>
    public class ProduceWithDeliveryHandlerSuppressorTests
    {
        private const string Source = @"using System;
using System.Threading.Tasks;
using Confluent.Kafka;

public class Sender
{
    public async Task SendAsync(IProducer<string, string> producer, IConsumer<string, string> consumer)
    {
        await Task.Yield();
        producer.Produce(""t"", new Message<string, string> { Value = ""with handler"" }, report => Console.WriteLine(report.Error));
        producer.Produce(""t"", new Message<string, string> { Value = ""without handler"" });
        producer.Produce(""t"", new Message<string, string> { Value = ""null handler"" }, null);
        var unrelated = System.IO.File.ReadAllText(""unrelated""); Task.Delay(1).Wait(); var r = Task.FromResult(1).Result;
    }
}";

        public static IEnumerable<object[]> Rules => new[]
        {
            new object[] { "CA1849", "netanalyzers" },
            new object[] { "VSTHRD103", "vsthreading" },
        };

        [Theory]
        [MemberData(nameof(Rules))]
        public async Task OnlyProduceWithADeliveryHandler_IsSuppressed(string rule, string package)
        {
            foreach (var clients in ClientSet.All)
            {
                var loaded = ThirdPartyAnalyzers.Load(package);
                var diagnostics = await RunAsync(clients, rule, loaded);
                var produce = diagnostics.Where(d => d.Id == rule).ToList();
                var lines = produce
                    .GroupBy(d => d.Location.GetLineSpan().StartLinePosition.Line + 1)
                    .ToDictionary(g => g.Key, g => g.All(d => d.IsSuppressed));

                // Lines of the three Produce calls in Source (after the usings).
                var withHandler = Line("with handler");
                var withoutHandler = Line("without handler");
                var nullHandler = Line("null handler");

                // The third-party rule runs (it reports blocking calls in async code), and MSGS001 leaves them alone.
                Assert.True(lines.TryGetValue(Line("unrelated"), out var unrelatedSuppressed), $"{rule} did not run ({clients}): " + string.Join(" | ", diagnostics) + " loaded: " + string.Join(",", loaded.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct()));
                Assert.False(unrelatedSuppressed);

                // CA1849 reports Produce; VSTHRD103 only knows same-signature Async twins and does not. Where it
                // reports Produce with a delivery handler, MSGS001 suppresses it.
                if (rule == "CA1849")
                {
                    Assert.True(lines.ContainsKey(withHandler), $"{rule} did not report Produce ({clients})");
                }

                if (lines.TryGetValue(withHandler, out var handlerSuppressed))
                {
                    Assert.True(handlerSuppressed, $"{rule} on Produce(..., deliveryHandler) must be suppressed ({clients})");
                }

                if (lines.TryGetValue(withoutHandler, out var suppressed))
                {
                    Assert.False(suppressed, $"{rule} on Produce without a handler must not be suppressed ({clients})");
                }

                if (lines.TryGetValue(nullHandler, out suppressed))
                {
                    Assert.False(suppressed, $"{rule} on Produce with a null handler must not be suppressed ({clients})");
                }

                // Only MSGS001 can suppress here (no pragma, attribute or other suppressor), and only that one call.
                Assert.True(diagnostics.Count(d => d.Id == rule && d.IsSuppressed) <= 1, $"{rule}: only the Produce call with a handler may be suppressed ({clients})");
            }
        }

        private static int Line(string marker) =>
            Source.Split('\n').Select((text, index) => (text, index)).First(l => l.text.Contains(marker, StringComparison.Ordinal)).index + 1;

        private static async Task<ImmutableArray<Diagnostic>> RunAsync(ClientSet clients, string rule, ImmutableArray<DiagnosticAnalyzer> thirdParty)
        {
            var compilation = CSharpCompilation.Create(
                "Suppression",
                new[] { CSharpSyntaxTree.ParseText(Source, new CSharpParseOptions(LanguageVersion.Latest), path: "Suppression.cs") },
                Basic.Reference.Assemblies.Net100.References.All.Concat(clients.References),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
                    .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { [rule] = ReportDiagnostic.Warn }));
            var analyzers = thirdParty.Add(new ProduceWithDeliveryHandlerSuppressor());
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: true);
            return await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();
        }
    }
}
