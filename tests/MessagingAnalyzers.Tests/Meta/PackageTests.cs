using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using MessagingAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace MessagingAnalyzers.Tests.Meta
{
    /// <summary>
    /// What the package carries besides the analyzers: one repository address (Directory.Build.props) behind every
    /// help link and the package metadata, and one global AnalyzerConfig file per MessagingAnalysisMode listing every rule.
    /// </summary>
    public class PackageTests
    {
        private static string Property(string name)
        {
            var props = XDocument.Load(Repository.PathOf("Directory.Build.props"));
            var values = props.Descendants(name).Select(e => e.Value.Trim()).ToList();
            Assert.True(values.Count == 1, $"Directory.Build.props sets {name} {values.Count} times; it must set it once");
            return values[0];
        }

        [Fact]
        public void HelpLinks_ComeFromTheRepositoryUrlProperty()
        {
            var repositoryUrl = Property("RepositoryUrl");
            Assert.Matches("^https://[^ ]+[^/]$", repositoryUrl);
            var docs = Property("MessagingAnalyzersRulesDocsUrl").Replace("$(RepositoryUrl)", repositoryUrl).Replace("$(RepositoryBranch)", Property("RepositoryBranch"));
            Assert.Equal(RepositoryInfo.RepositoryUrl, repositoryUrl);
            Assert.Equal(MessagingAnalyzers.Descriptors.HelpLinkBase, docs);
            Assert.StartsWith(repositoryUrl + "/", MessagingAnalyzers.Descriptors.HelpLinkBase);
            foreach (var descriptor in RuleCatalog.Descriptors)
            {
                Assert.Equal(docs + descriptor.Id + ".md", descriptor.HelpLinkUri);
            }

            Assert.Equal("$(RepositoryUrl)", Property("PackageProjectUrl"));
        }

        [Fact]
        public void RepositoryAddress_IsWrittenOnlyInDirectoryBuildProps()
        {
            var address = Property("RepositoryUrl");
            var roots = new[] { "src", "tests", "samples", "eng", "docs" };
            var offenders = roots
                .SelectMany(r => Directory.EnumerateFiles(Repository.PathOf(r), "*", SearchOption.AllDirectories))
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar))
                .Where(f => new[] { ".cs", ".csproj", ".props", ".targets", ".md", ".sh", ".py" }.Contains(Path.GetExtension(f)))
                .Where(f => File.ReadAllText(f).IndexOf(address, StringComparison.OrdinalIgnoreCase) >= 0 || File.ReadAllText(f).Contains("github.com/" + "MessagingAnalyzers/"))
                .ToList();
            // The old address (which does not exist) must not come back either.
            Assert.Empty(offenders);
        }

        public static IEnumerable<object[]> Modes => new[] { "None", "Minimum", "Recommended", "All" }.Select(m => new object[] { m });

        /// <summary>The severity each mode gives a rule that ships with <paramref name="shipped"/>.</summary>
        private static string Expected(string mode, DiagnosticSeverity shipped) => mode switch
        {
            "None" => "none",
            "Minimum" => shipped >= DiagnosticSeverity.Warning ? "warning" : "none",
            "Recommended" => shipped switch
            {
                DiagnosticSeverity.Error => "error",
                DiagnosticSeverity.Warning => "warning",
                DiagnosticSeverity.Info => "suggestion",
                _ => "silent",
            },
            "All" => "warning",
            _ => throw new ArgumentOutOfRangeException(nameof(mode)),
        };

        [Theory]
        [MemberData(nameof(Modes))]
        public void AnalysisModeFile_ListsEveryRule(string mode)
        {
            var path = Repository.PathOf("src", "MessagingAnalyzers.Package", "build", "config", $"MessagingAnalyzers.{mode}.globalconfig");
            Assert.True(File.Exists(path), $"{path} is missing: run eng/generate-analysis-modes.py");
            var lines = File.ReadAllLines(path);
            Assert.Contains("is_global = true", lines);
            var severities = lines
                .Select(l => Regex.Match(l, @"^dotnet_diagnostic\.(MSG[0-9A-Z]+)\.severity = (\w+)$"))
                .Where(m => m.Success)
                .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            var expected = RuleCatalog.Descriptors.ToDictionary(d => d.Id, d => Expected(mode, d.DefaultSeverity));
            Assert.True(
                expected.OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual(severities.OrderBy(p => p.Key, StringComparer.Ordinal)),
                $"{Path.GetFileName(path)} is out of date: run eng/generate-analysis-modes.py (expected {string.Join(", ", expected.Select(p => p.Key + "=" + p.Value))})");
        }

        [Fact]
        public void PackageTargets_ApplyEveryModeFile()
        {
            var targets = Repository.Read("src", "MessagingAnalyzers.Package", "build", "MessagingAnalyzers.targets");
            Assert.Contains("config/MessagingAnalyzers.$(MessagingAnalysisMode).globalconfig", targets);
            Assert.Contains("<MessagingAnalysisMode Condition=\"'$(MessagingAnalysisMode)' == ''\">Recommended</MessagingAnalysisMode>", targets);
            var modeFiles = Directory.GetFiles(Repository.PathOf("src", "MessagingAnalyzers.Package", "build", "config"), "*.globalconfig").Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal);
            Assert.Equal(Modes.Select(m => $"MessagingAnalyzers.{m[0]}.globalconfig").OrderBy(n => n, StringComparer.Ordinal), modeFiles);
        }
    }
}
