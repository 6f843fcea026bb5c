using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using MessagingAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MessagingAnalyzers.Tests.Reliability
{
    /// <summary>
    /// The code the robustness suite mutates: the realistic files in Reliability/Corpus, the sample app, and every
    /// test source (the C# held in the test files' string literals, markup removed, with the usings the tests use).
    /// </summary>
    public static class FuzzSources
    {
        private const string Header = @"using System;
using System.Collections.Generic;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using StackExchange.Redis;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
";

        private static readonly Regex Markup = new(@"\{\|#\d+:|\|\}|\[\||\|\]", RegexOptions.Compiled);

        /// <summary>One compilation of every source above (and the test stubs), against the given client versions.</summary>
        public static CSharpCompilation Compilation(ClientSet clients, string assemblyName) => Compilation(clients, assemblyName, All());

        /// <summary>A compilation of <paramref name="sources"/> and the framework stubs, against the client set.</summary>
        public static CSharpCompilation Compilation(ClientSet clients, string assemblyName, IEnumerable<(string Name, string Text)> sources)
        {
            var trees = sources
                .Select((s, i) => CSharpSyntaxTree.ParseText(s.Text, new CSharpParseOptions(LanguageVersion.Latest), path: $"/{i}/{s.Name.Replace('/', '_').Replace('#', '_')}.cs"))
                .Append(CSharpSyntaxTree.ParseText(Stubs.Source, new CSharpParseOptions(LanguageVersion.Latest), path: "/stubs.cs"));
            return CSharpCompilation.Create(assemblyName, trees, Basic.Reference.Assemblies.Net100.References.All.Concat(clients.References), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        }

        public static IReadOnlyList<(string Name, string Text)> All()
        {
            var sources = new List<(string, string)>();
            foreach (var file in Directory.GetFiles(Repository.PathOf("tests", "MessagingAnalyzers.Tests", "Reliability", "Corpus"), "*.cs").OrderBy(f => f, StringComparer.Ordinal))
            {
                sources.Add(("corpus/" + Path.GetFileName(file), File.ReadAllText(file)));
            }

            foreach (var file in Directory.GetFiles(Repository.PathOf("samples"), "*.cs", SearchOption.AllDirectories)
                         .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
                         .OrderBy(f => f, StringComparer.Ordinal))
            {
                sources.Add(("sample/" + Path.GetFileName(file), File.ReadAllText(file)));
            }

            foreach (var file in Directory.GetFiles(Repository.PathOf("tests", "MessagingAnalyzers.Tests"), "*Tests.cs", SearchOption.AllDirectories)
                         .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
                         .OrderBy(f => f, StringComparer.Ordinal))
            {
                var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
                var index = 0;
                foreach (var token in root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.StringLiteralToken)))
                {
                    var text = token.ValueText;
                    if (text.Length < 60 || !(text.Contains("class ", StringComparison.Ordinal) || text.Contains("public ", StringComparison.Ordinal)))
                    {
                        continue;
                    }

                    var code = Markup.Replace(text, string.Empty);
                    var body = code.Contains("class ", StringComparison.Ordinal) ? code : "public class FuzzHost {\n" + code + "\n}";
                    sources.Add(($"tests/{Path.GetFileNameWithoutExtension(file)}#{index++}", Header + body));
                }
            }

            return sources;
        }
    }

    /// <summary>Deterministic mutations of half-typed code.</summary>
    public static class Mutator
    {
        public const int Kinds = 5;

        public static string Mutate(string text, int kind, Random random)
        {
            switch (kind)
            {
                case 0:
                    return text;
                case 1:
                    return text.Substring(0, random.Next(text.Length));
                case 2:
                    var start = random.Next(text.Length);
                    var length = Math.Min(text.Length - start, random.Next(1, 200));
                    return text.Remove(start, length);
                case 3:
                    return DropTokens(text, random);
                default:
                    return RenameIdentifiers(text, random);
            }
        }

        /// <summary>Removes a few <c>await</c>, <c>;</c>, <c>)</c>, <c>}</c>, <c>,</c> tokens.</summary>
        private static string DropTokens(string text, Random random)
        {
            var root = CSharpSyntaxTree.ParseText(text).GetRoot();
            var candidates = root.DescendantTokens()
                .Where(t => t.IsKind(SyntaxKind.AwaitKeyword) || t.IsKind(SyntaxKind.SemicolonToken) || t.IsKind(SyntaxKind.CloseParenToken)
                            || t.IsKind(SyntaxKind.CloseBraceToken) || t.IsKind(SyntaxKind.CommaToken))
                .ToList();
            var drop = candidates.OrderBy(_ => random.Next()).Take(random.Next(1, 6)).Select(t => t.Span).OrderByDescending(s => s.Start).ToList();
            foreach (var span in drop)
            {
                text = text.Remove(span.Start, span.Length);
            }

            return text;
        }

        /// <summary>Renames a few identifiers (types, members, locals) to names that bind to nothing.</summary>
        private static string RenameIdentifiers(string text, Random random)
        {
            var root = CSharpSyntaxTree.ParseText(text).GetRoot();
            var names = root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();
            if (names.Count == 0)
            {
                return text;
            }

            var renamed = names.OrderBy(_ => random.Next()).Take(random.Next(1, 6)).ToHashSet();
            var tokens = root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken) && renamed.Contains(t.ValueText)).OrderByDescending(t => t.SpanStart);
            foreach (var token in tokens)
            {
                text = text.Remove(token.SpanStart, token.Span.Length).Insert(token.SpanStart, "Unknown_" + token.ValueText);
            }

            return text;
        }
    }
}
