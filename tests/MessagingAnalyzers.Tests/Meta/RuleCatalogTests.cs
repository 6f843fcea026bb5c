using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using MessagingAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace MessagingAnalyzers.Tests.Meta
{
    /// <summary>
    /// Every rule ships with its deliverables: a docs page, a help link to it, a README row, a release
    /// tracking row, a test file; every code fix with Fix All and a test.
    /// </summary>
    public class RuleCatalogTests
    {
        [Theory]
        [MemberData(nameof(RuleCatalog.DescriptorIds), MemberType = typeof(RuleCatalog))]
        public void Descriptor_HasHelpLinkToItsDocsPage(string id)
        {
            var descriptor = RuleCatalog.Descriptor(id);
            Assert.Equal(MessagingAnalyzers.Descriptors.HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
            Assert.True(File.Exists(Repository.PathOf("docs", "rules", id + ".md")), $"docs/rules/{id}.md is missing");
            var firstLine = Repository.Read("docs", "rules", id + ".md").Split('\n')[0].Trim();
            Assert.Equal($"# {id}: {descriptor.Title}", firstLine);
        }

        [Theory]
        [MemberData(nameof(RuleCatalog.DescriptorIds), MemberType = typeof(RuleCatalog))]
        public void Descriptor_IsClearAndComplete(string id)
        {
            var descriptor = RuleCatalog.Descriptor(id);
            Assert.Matches("^MSG([1-4][0-9]{3}|S[0-9]{3})$", id);
            Assert.Contains(descriptor.Category, new[] { "Design", "Kafka", "Redis", "Security" });
            Assert.False(descriptor.Title.ToString().EndsWith(".", StringComparison.Ordinal), "titles do not end with a period");
            var message = descriptor.MessageFormat.ToString();
            Assert.Contains("{0}", message);
            Assert.True(message.EndsWith(".", StringComparison.Ordinal), "messages are sentences");
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()));
            Assert.True(descriptor.IsEnabledByDefault);
        }

        [Theory]
        [MemberData(nameof(RuleCatalog.DescriptorIds), MemberType = typeof(RuleCatalog))]
        public void Descriptor_HasReadmeRow(string id)
        {
            var descriptor = RuleCatalog.Descriptor(id);
            var hasFix = RuleCatalog.CodeFixes.Any(f => f.FixableDiagnosticIds.Contains(id));
            var row = $"| [{id}](docs/rules/{id}.md) | {descriptor.Category} | {descriptor.DefaultSeverity} | {descriptor.Title} | {(hasFix ? "Yes" : "No")} |";
            Assert.Contains(row, Repository.Read("README.md").Split('\n').Select(l => l.Trim()));
        }

        [Theory]
        [MemberData(nameof(RuleCatalog.DescriptorIds), MemberType = typeof(RuleCatalog))]
        public void Descriptor_HasReleaseTrackingRow(string id)
        {
            var descriptor = RuleCatalog.Descriptor(id);
            var tracking = Repository.Read("src", "MessagingAnalyzers", "AnalyzerReleases.Shipped.md")
                + Repository.Read("src", "MessagingAnalyzers", "AnalyzerReleases.Unshipped.md");
            Assert.Matches(new Regex($@"^{id}\s*\|\s*{descriptor.Category}\s*\|\s*{descriptor.DefaultSeverity}\s*\|", RegexOptions.Multiline), tracking);
        }

        [Theory]
        [MemberData(nameof(RuleCatalog.SuppressorNames), MemberType = typeof(RuleCatalog))]
        public void Suppressor_HasDocsReadmeReleaseNoteAndTests(string name)
        {
            var suppressor = RuleCatalog.Suppressors.Single(s => s.GetType().Name == name);
            foreach (var id in suppressor.SupportedSuppressions.Select(s => s.Id).Distinct())
            {
                Assert.Matches("^MSGS[0-9]{3}$", id);
                Assert.StartsWith($"# {id}: ", Repository.Read("docs", "rules", id + ".md"));
                Assert.Contains($"| [{id}](docs/rules/{id}.md) |", Repository.Read("README.md"));
                Assert.Contains(id, Repository.Read("src", "MessagingAnalyzers", "AnalyzerReleases.Unshipped.md"));
                foreach (var suppressed in suppressor.SupportedSuppressions.Where(s => s.Id == id))
                {
                    Assert.Contains(suppressed.SuppressedDiagnosticId, Repository.Read("docs", "rules", id + ".md"));
                }
            }

            var family = RuleCatalog.Family(suppressor.GetType());
            Assert.True(File.Exists(Repository.PathOf("tests", "MessagingAnalyzers.Tests", family, name + "Tests.cs")), $"tests/MessagingAnalyzers.Tests/{family}/{name}Tests.cs is missing");
        }

        [Fact]
        public void EveryDocsPage_BelongsToARule()
        {
            var ids = RuleCatalog.Descriptors.Select(d => d.Id)
                .Concat(RuleCatalog.Suppressors.SelectMany(s => s.SupportedSuppressions).Select(s => s.Id))
                .ToHashSet();
            foreach (var page in Directory.GetFiles(Repository.PathOf("docs", "rules"), "*.md"))
            {
                Assert.Contains(Path.GetFileNameWithoutExtension(page), ids);
            }
        }

        /// <summary>
        /// The analyzers do not ask the compiler to filter what they report in generated code (it would walk every
        /// token of a file at its first diagnostic); the rules report through <c>Report</c>, which filters.
        /// </summary>
        [Fact]
        public void Rules_ReportThroughTheGeneratedCodeFilter()
        {
            foreach (var family in new[] { "Design", "Kafka", "Redis", "Security" })
            {
                foreach (var file in Directory.GetFiles(Repository.PathOf("src", "MessagingAnalyzers", family), "*.cs"))
                {
                    Assert.False(File.ReadAllText(file).Contains(".ReportDiagnostic("), $"{Path.GetFileName(file)} calls ReportDiagnostic: report with Report(...), which leaves out generated code");
                }
            }
        }

        [Fact]
        public void EveryDiagnosticId_IsUsedByADescriptor()
        {
            var constants = typeof(DiagnosticIds).GetFields().Select(f => (string)f.GetValue(null)!).ToList();
            Assert.Equal(constants.Distinct().Count(), constants.Count);
            Assert.Equal(constants.OrderBy(c => c, StringComparer.Ordinal), RuleCatalog.Descriptors.Select(d => d.Id));
        }

        [Theory]
        [MemberData(nameof(RuleCatalog.AnalyzerNames), MemberType = typeof(RuleCatalog))]
        public void Analyzer_UsesTheSharedBase_AndHasATestFile(string name)
        {
            var analyzer = RuleCatalog.Analyzer(name);
            Assert.IsAssignableFrom<MessagingAnalyzer>(analyzer);
            var family = RuleCatalog.Family(analyzer.GetType());
            Assert.True(File.Exists(Repository.PathOf("src", "MessagingAnalyzers", family, name + ".cs")), $"src/MessagingAnalyzers/{family}/{name}.cs");
            var rule = name.Substring(0, name.Length - "Analyzer".Length);
            var testFile = Repository.PathOf("tests", "MessagingAnalyzers.Tests", family, rule + "Tests.cs");
            Assert.True(File.Exists(testFile), $"tests/MessagingAnalyzers.Tests/{family}/{rule}Tests.cs is missing");
        }

        [Theory]
        [MemberData(nameof(RuleCatalog.CodeFixNames), MemberType = typeof(RuleCatalog))]
        public void CodeFix_SupportsFixAll_AndIsTested(string name)
        {
            var fix = RuleCatalog.CodeFix(name);
            Assert.NotNull(fix.GetFixAllProvider());
            Assert.NotEmpty(fix.FixableDiagnosticIds);
            foreach (var id in fix.FixableDiagnosticIds)
            {
                Assert.Contains(id, RuleCatalog.Descriptors.Select(d => d.Id));
            }

            var family = RuleCatalog.Family(fix.GetType());
            Assert.True(File.Exists(Repository.PathOf("src", "MessagingAnalyzers.CodeFixes", family, name + ".cs")), $"src/MessagingAnalyzers.CodeFixes/{family}/{name}.cs");

            // The verifier runs Fix All (document, project, solution) and fails on compiler errors in the fixed code.
            var rule = name.Substring(0, name.Length - "CodeFix".Length);
            var tests = Repository.Read("tests", "MessagingAnalyzers.Tests", family, rule + "Tests.cs");
            Assert.Contains(name + ">", tests);
            Assert.Contains("CodeFixAsync(", tests);
        }
    }
}
