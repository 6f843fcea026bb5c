using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MessagingAnalyzers.Probe
{
    /// <summary>
    /// The real-code probe: <c>dotnet run --project eng/MessagingAnalyzers.Probe -- FOLDER [--out findings.tsv]</c>.
    /// Each subfolder of FOLDER is one repository; each <c>*.csproj</c> in it becomes one compilation (its own files
    /// plus the sources of the projects it references), compiled against .NET 10, ASP.NET Core and the clients.
    /// Unresolved references are tolerated: the analyzers see what binds, as in a half-restored IDE. Every finding
    /// is printed (and written as TSV), with a count per rule; analyzer exceptions are counted as failures.
    /// </summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            if (args.Length == 0 || !Directory.Exists(args[0]))
            {
                Console.Error.WriteLine("usage: MessagingAnalyzers.Probe FOLDER [--out findings.tsv] [--repo NAME] [--fixes]");
                Console.Error.WriteLine("FOLDER holds one subfolder per repository (C# sources and .csproj files).");
                return 2;
            }

            var root = Path.GetFullPath(args[0]);
            var output = Option(args, "--out");
            var only = Option(args, "--repo");
            var fixes = args.Contains("--fixes") ? new FixProbe() : null;
            var references = References.Load();
            var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
                new DesignRules(), new KafkaRules(), new RedisRules(), new SecurityRules());

            var findings = new List<Finding>();
            var (projects, files, unresolved) = (0, 0, 0);
            var failures = new List<string>();
            var repositories = Directory.GetDirectories(root).OrderBy(d => d, StringComparer.Ordinal).ToList();
            foreach (var repository in repositories)
            {
                var name = Path.GetFileName(repository);
                if (only is not null && name != only)
                {
                    continue;
                }

                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var project in Projects.Find(repository))
                {
                    var compilation = project.Compile(references);
                    projects++;
                    files += project.OwnFileCount;
                    // How much did not bind (missing packages, other projects' generated code): the rules stay silent there.
                    foreach (var error in compilation.GetDiagnostics())
                    {
                        if (error.Severity == DiagnosticSeverity.Error && project.Owns(error.Location.SourceTree?.FilePath))
                        {
                            unresolved++;
                        }
                    }

                    var withAnalyzers = compilation.WithAnalyzers(
                        analyzers,
                        new CompilationWithAnalyzersOptions(
                            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                            (exception, analyzer, diagnostic) => failures.Add($"{name}\t{project.Name}\t{analyzer.GetType().Name}\t{exception.GetType().Name}: {exception.Message}"),
                            concurrentAnalysis: true,
                            logAnalyzerExecutionTime: false));
                    var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
                    if (fixes is not null)
                    {
                        await fixes.CheckAsync(name, compilation, diagnostics, analyzers, project.Owns);
                    }

                    foreach (var diagnostic in diagnostics)
                    {
                        if (diagnostic.Id == "AD0001")
                        {
                            failures.Add($"{name}\t{project.Name}\t{diagnostic.GetMessage()}");
                            continue;
                        }

                        var span = diagnostic.Location.GetLineSpan();
                        if (!project.Owns(span.Path))
                        {
                            continue;
                        }

                        var file = Path.GetRelativePath(repository, span.Path).Replace('\\', '/');
                        var finding = new Finding(name, file, span.StartLinePosition.Line + 1, diagnostic.Id, diagnostic.Severity.ToString(), diagnostic.GetMessage());
                        if (seen.Add($"{finding.File}:{finding.Line}:{span.StartLinePosition.Character}:{finding.Id}"))
                        {
                            findings.Add(finding);
                        }
                    }
                }
            }

            foreach (var finding in findings)
            {
                Console.WriteLine($"{finding.Repository}/{finding.File}:{finding.Line}: {finding.Severity} {finding.Id}: {finding.Message}");
            }

            Console.WriteLine();
            Console.WriteLine($"{projects} projects, {files} files, {unresolved} compiler errors (unresolved references) in the probed files");
            Console.WriteLine($"{findings.Count} findings in {findings.Select(f => f.Repository).Distinct().Count()} of {repositories.Count} repositories");
            foreach (var group in findings.GroupBy(f => f.Id).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"  {group.Key}: {group.Count()}");
            }

            fixes?.Print();
            Console.WriteLine($"analyzer failures: {failures.Count}");
            foreach (var failure in failures.Take(20))
            {
                Console.WriteLine("  " + failure);
            }

            if (output is not null)
            {
                var text = new StringBuilder("repository\tfile\tline\tid\tseverity\tmessage\n");
                foreach (var f in findings)
                {
                    text.Append(f.Repository).Append('\t').Append(f.File).Append('\t').Append(f.Line).Append('\t')
                        .Append(f.Id).Append('\t').Append(f.Severity).Append('\t').Append(f.Message.Replace('\t', ' ')).Append('\n');
                }

                File.WriteAllText(output, text.ToString());
            }

            return failures.Count == 0 ? 0 : 1;
        }

        private static string? Option(string[] args, string name)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }
    }

    internal sealed record Finding(string Repository, string File, int Line, string Id, string Severity, string Message);

    /// <summary>The metadata every probed compilation gets, and the test framework stubs added to test projects.</summary>
    internal sealed class References
    {
        private References(ImmutableArray<MetadataReference> common, ImmutableDictionary<string, MetadataReference> testFrameworks)
        {
            Common = common;
            TestFrameworks = testFrameworks;
        }

        public ImmutableArray<MetadataReference> Common { get; }

        /// <summary>
        /// Small assemblies named as the test frameworks' own (xunit.core, nunit.framework, MSTest's), with their test
        /// attributes: the rules recognise a test project by the framework it references, as in a real build.
        /// </summary>
        public ImmutableDictionary<string, MetadataReference> TestFrameworks { get; }

        public static References Load()
        {
            var common = new List<MetadataReference>(Basic.Reference.Assemblies.Net100.References.All);
            foreach (var type in new[] { typeof(Confluent.Kafka.IProducer<,>), typeof(StackExchange.Redis.IDatabase), typeof(Newtonsoft.Json.JsonConvert) })
            {
                common.Add(MetadataReference.CreateFromFile(type.Assembly.Location));
            }

            // ASP.NET Core and the Microsoft.Extensions.* abstractions, from the SDK's reference pack.
            var dotnetRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
            var aspNet = Directory.Exists(Path.Combine(dotnetRoot, "packs", "Microsoft.AspNetCore.App.Ref"))
                ? Directory.GetDirectories(Path.Combine(dotnetRoot, "packs", "Microsoft.AspNetCore.App.Ref")).OrderBy(d => d, StringComparer.Ordinal).LastOrDefault()
                : null;
            if (aspNet is not null)
            {
                foreach (var dll in Directory.GetFiles(Path.Combine(aspNet, "ref", "net10.0"), "*.dll"))
                {
                    common.Add(MetadataReference.CreateFromFile(dll));
                }
            }
            else
            {
                Console.Error.WriteLine("warning: no ASP.NET Core reference pack found under " + dotnetRoot);
            }

            var frameworks = ImmutableDictionary.CreateBuilder<string, MetadataReference>();
            frameworks.Add("xunit", Stub("xunit.core", "namespace Xunit { public class FactAttribute : System.Attribute { } public class TheoryAttribute : FactAttribute { } public class InlineDataAttribute : System.Attribute { public InlineDataAttribute(params object[] data) { } } }"));
            frameworks.Add("nunit", Stub("nunit.framework", "namespace NUnit.Framework { public class TestAttribute : System.Attribute { } public class TestFixtureAttribute : System.Attribute { } public class TestCaseAttribute : System.Attribute { public TestCaseAttribute(params object[] data) { } } public class SetUpAttribute : System.Attribute { } public class TearDownAttribute : System.Attribute { } }"));
            frameworks.Add("mstest", Stub("Microsoft.VisualStudio.TestPlatform.TestFramework", "namespace Microsoft.VisualStudio.TestTools.UnitTesting { public class TestMethodAttribute : System.Attribute { } public class TestClassAttribute : System.Attribute { } public class TestInitializeAttribute : System.Attribute { } }"));
            return new References(common.ToImmutableArray(), frameworks.ToImmutable());
        }

        private static MetadataReference Stub(string assemblyName, string source)
        {
            var compilation = CSharpCompilation.Create(
                assemblyName,
                new[] { CSharpSyntaxTree.ParseText(source) },
                Basic.Reference.Assemblies.Net100.References.All,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            using var stream = new MemoryStream();
            var result = compilation.Emit(stream);
            if (!result.Success)
            {
                throw new InvalidOperationException("test framework stub did not compile: " + string.Join("; ", result.Diagnostics));
            }

            return MetadataReference.CreateFromImage(stream.ToArray());
        }
    }

    /// <summary>One project of a probed repository: its files, what it references, and how the SDK would compile it.</summary>
    internal sealed class Projects
    {
        private static readonly string[] CommonUsings =
        {
            "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks",
        };

        private static readonly string[] WebUsings =
        {
            "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http",
            "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection",
            "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
        };

        private static readonly string[] WorkerUsings =
        {
            "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
        };

        /// <summary>Per test framework: its namespace, and an attribute whose use in a file marks a test project.</summary>
        private static readonly Dictionary<string, (string Import, string Attribute)> TestNamespaces = new()
        {
            ["xunit"] = ("Xunit", "[Fact"),
            ["nunit"] = ("NUnit.Framework", "[TestFixture"),
            ["mstest"] = ("Microsoft.VisualStudio.TestTools.UnitTesting", "[TestClass"),
        };

        private readonly string _path;
        private readonly string _text;
        private readonly HashSet<string> _ownFiles;
        private readonly List<string> _allFiles;

        private Projects(string path, string text, HashSet<string> ownFiles, List<string> allFiles)
        {
            _path = path;
            _text = text;
            _ownFiles = ownFiles;
            _allFiles = allFiles;
        }

        public string Name => Path.GetFileNameWithoutExtension(_path);

        public int OwnFileCount => _ownFiles.Count;

        public bool Owns(string? file) => file is not null && _ownFiles.Contains(Path.GetFullPath(file));

        /// <summary>
        /// Every project of the repository: one per <c>*.csproj</c> (its folder's files, without nested projects' and
        /// bin/obj), and one for C# files that belong to no project.
        /// </summary>
        public static IEnumerable<Projects> Find(string repository)
        {
            var projectFiles = Directory.GetFiles(repository, "*.csproj", SearchOption.AllDirectories)
                .Where(p => !IsBuildOutput(p)).OrderBy(p => p, StringComparer.Ordinal).ToList();
            var projectDirs = projectFiles.Select(p => Path.GetDirectoryName(p)!).ToList();
            var owned = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            var loose = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in Directory.GetFiles(repository, "*.cs", SearchOption.AllDirectories))
            {
                if (IsBuildOutput(file))
                {
                    continue;
                }

                // The deepest project folder above the file owns it.
                string? owner = null;
                for (var i = 0; i < projectDirs.Count; i++)
                {
                    var dir = projectDirs[i] + Path.DirectorySeparatorChar;
                    if (file.StartsWith(dir, StringComparison.Ordinal) && (owner is null || dir.Length > Path.GetDirectoryName(owner)!.Length + 1))
                    {
                        owner = projectFiles[i];
                    }
                }

                if (owner is null)
                {
                    loose.Add(file);
                }
                else
                {
                    if (!owned.TryGetValue(owner, out var set))
                    {
                        owned[owner] = set = new HashSet<string>(StringComparer.Ordinal);
                    }

                    set.Add(file);
                }
            }

            foreach (var project in projectFiles)
            {
                if (!owned.TryGetValue(project, out var own))
                {
                    continue;
                }

                var text = File.ReadAllText(project);
                var all = new List<string>(own);
                foreach (var referenced in ReferencedProjects(project, text, new HashSet<string>(StringComparer.Ordinal)))
                {
                    if (owned.TryGetValue(referenced, out var files))
                    {
                        all.AddRange(files);
                    }
                }

                yield return new Projects(project, text, own, all.Distinct(StringComparer.Ordinal).ToList());
            }

            if (loose.Count > 0)
            {
                yield return new Projects(Path.Combine(repository, "(loose).csproj"), "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><ImplicitUsings>enable</ImplicitUsings></Project>", loose, loose.ToList());
            }
        }

        private static bool IsBuildOutput(string path) =>
            path.Contains("/bin/", StringComparison.Ordinal) || path.Contains("/obj/", StringComparison.Ordinal);

        private static IEnumerable<string> ReferencedProjects(string project, string text, HashSet<string> visited)
        {
            foreach (Match match in Regex.Matches(text, "<ProjectReference\\s+Include=\"([^\"]+)\""))
            {
                var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, match.Groups[1].Value.Replace('\\', '/')));
                if (!File.Exists(path) || !visited.Add(path))
                {
                    continue;
                }

                yield return path;
                foreach (var transitive in ReferencedProjects(path, File.ReadAllText(path), visited))
                {
                    yield return transitive;
                }
            }
        }

        public CSharpCompilation Compile(References references)
        {
            var parse = new CSharpParseOptions(LanguageVersion.Preview, preprocessorSymbols: new[] { "NET", "NET10_0", "NET8_0_OR_GREATER", "NET6_0_OR_GREATER", "NETCOREAPP" });
            var trees = new List<SyntaxTree>();
            foreach (var file in _allFiles)
            {
                trees.Add(CSharpSyntaxTree.ParseText(File.ReadAllText(file), parse, path: Path.GetFullPath(file)));
            }

            var isWeb = _text.Contains("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase);
            var isWorker = _text.Contains("Microsoft.NET.Sdk.Worker", StringComparison.OrdinalIgnoreCase);
            if (Regex.IsMatch(_text, "<ImplicitUsings>\\s*(enable|true)\\s*</ImplicitUsings>", RegexOptions.IgnoreCase))
            {
                var usings = CommonUsings.Concat(isWeb ? WebUsings : isWorker ? WorkerUsings : Array.Empty<string>());
                var text = "// <auto-generated/>\n" + string.Concat(usings.Select(u => "global using global::" + u + ";\n"));
                trees.Add(CSharpSyntaxTree.ParseText(text, parse, path: Path.Combine(Path.GetDirectoryName(_path)!, "obj", "GlobalUsings.g.cs")));
            }

            // The test framework the project names, or that its files import (a package reference may sit in a
            // Directory.Build.props or central package file that the collected copy does not have).
            var metadata = new List<MetadataReference>(references.Common);
            foreach (var framework in references.TestFrameworks)
            {
                var (import, attribute) = TestNamespaces[framework.Key];
                var named = _text.Contains(framework.Key, StringComparison.OrdinalIgnoreCase);
                var imported = trees.Exists(t => _ownFiles.Contains(t.FilePath) && t.GetText().ToString().Contains("using " + import + ";", StringComparison.Ordinal));
                var attributed = trees.Exists(t => _ownFiles.Contains(t.FilePath) && t.GetText().ToString().Contains(attribute, StringComparison.Ordinal));
                if (named || imported || attributed)
                {
                    metadata.Add(framework.Value);
                    if (!imported)
                    {
                        // The import came from the build's global usings (<Using Include="Xunit" />), which the copy lacks.
                        trees.Add(CSharpSyntaxTree.ParseText("// <auto-generated/>\nglobal using global::" + import + ";\n", parse, path: Path.Combine(Path.GetDirectoryName(_path)!, "obj", framework.Key + ".GlobalUsings.g.cs")));
                    }
                }
            }

            var exe = isWeb || isWorker || Regex.IsMatch(_text, "<OutputType>\\s*(Exe|WinExe)\\s*</OutputType>", RegexOptions.IgnoreCase);
            var nullable = Regex.IsMatch(_text, "<Nullable>\\s*enable\\s*</Nullable>", RegexOptions.IgnoreCase) ? NullableContextOptions.Enable : NullableContextOptions.Disable;
            return CSharpCompilation.Create(
                Name,
                trees,
                metadata,
                new CSharpCompilationOptions(exe ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: nullable, allowUnsafe: true));
        }
    }
}
