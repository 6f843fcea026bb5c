using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using MessagingAnalyzers.Tests.Meta;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace MessagingAnalyzers.Tests.Core
{
    /// <summary>
    /// The type-level rules (the Kafka type model's, run once per type from each file's semantic model) see every
    /// kind of type declaration, and report each finding of a partial type once, in its own file: with the shipped
    /// hosts and with each rule alone, against each client set. MSG2009 (acks=0 on a producer config) stands for them.
    /// </summary>
    public class TypeAnalysisTests
    {
        private const string Usings = "using Confluent.Kafka;\n";

        [Fact]
        public Task PartialTypeAcrossFiles_EachFindingReportedOnceInItsFile() => AssertFindings(
            OutputKind.DynamicallyLinkedLibrary,
            ("/src/Relay.cs", Usings + "public partial class Relay\n{\n    public ProducerConfig A() => new ProducerConfig { Acks = Acks.None };\n}\n"),
            ("/src/Relay.Part.cs", Usings + "public partial class Relay\n{\n    public ProducerConfig B() => new ProducerConfig { Acks = Acks.None };\n}\n"));

        [Fact]
        public Task PartialTypeWithGeneratedPart_OnlyTheUserFileIsAnalyzed() => AssertFindings(
            OutputKind.DynamicallyLinkedLibrary,
            ("/src/Relay.cs", Usings + "public partial class Relay\n{\n    public ProducerConfig A() => new ProducerConfig { Acks = Acks.None };\n}\n"),
            ("/src/Relay.g.cs", Usings + "public partial class Relay\n{\n    public ProducerConfig B() => new ProducerConfig { Acks = Acks.None };\n}\n"));

        [Fact]
        public Task NestedTypesRecordsStructsAndNamespaces_AreEachAnalyzed() => AssertFindings(
            OutputKind.DynamicallyLinkedLibrary,
            ("/src/Types.cs", Usings + @"namespace Shop.Orders
{
    public class Outer
    {
        public class Inner
        {
            public ProducerConfig A() => new ProducerConfig { Acks = Acks.None };
        }
    }

    public record Settings(string Servers)
    {
        public ProducerConfig B() => new ProducerConfig { Acks = Acks.None };
    }

    namespace Inner
    {
        public struct Options
        {
            public ProducerConfig C() => new ProducerConfig { Acks = Acks.None };
        }
    }
}
"),
            ("/src/Scoped.cs", Usings + "namespace Shop.Billing;\n\npublic interface IFactory\n{\n    ProducerConfig D() => new ProducerConfig { Acks = Acks.None };\n}\n"));

        [Fact]
        public Task TopLevelStatements_AreAnalyzedAsTheProgramType() => AssertFindings(
            OutputKind.ConsoleApplication,
            ("/src/Program.cs", Usings + "var config = new ProducerConfig { Acks = Acks.None };\nusing var producer = new ProducerBuilder<string, string>(config).Build();\nproducer.Produce(\"orders\", new Message<string, string> { Key = \"k\", Value = \"v\" });\n"));

        /// <summary>
        /// Every <c>Acks.None</c> in a file not named like generated code is reported exactly once at its own line, and
        /// nothing else is reported for MSG2009.
        /// </summary>
        private static async Task AssertFindings(OutputKind kind, params (string Path, string Text)[] files)
        {
            var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Text, new CSharpParseOptions(LanguageVersion.Latest), path: f.Path)).ToList();
            var expected = files
                .Where(f => !f.Path.EndsWith(".g.cs", System.StringComparison.Ordinal))
                .SelectMany(f => f.Text.Split('\n').Select((line, i) => (f.Path, Line: i, line)).Where(l => l.line.Contains("Acks.None")).Select(l => $"{l.Path}:{l.Line}"))
                .OrderBy(s => s, System.StringComparer.Ordinal)
                .ToList();
            Assert.NotEmpty(expected);
            foreach (var clients in ClientSet.All)
            {
                var compilation = CSharpCompilation.Create("Types", trees, Basic.Reference.Assemblies.Net100.References.All.Concat(clients.References), new CSharpCompilationOptions(kind));
                Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
                foreach (var analyzers in new[] { RuleCatalog.Shipped, RuleCatalog.Analyzers })
                {
                    var diagnostics = await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();
                    var actual = diagnostics
                        .Where(d => d.Id == "MSG2009")
                        .Select(d => $"{d.Location.SourceTree!.FilePath}:{d.Location.GetLineSpan().StartLinePosition.Line}")
                        .OrderBy(s => s, System.StringComparer.Ordinal)
                        .ToList();
                    Assert.Equal(expected, actual);
                }
            }
        }
    }
}
