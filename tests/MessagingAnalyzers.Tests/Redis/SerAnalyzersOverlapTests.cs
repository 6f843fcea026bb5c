using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using MessagingAnalyzers.Tests.Meta;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace MessagingAnalyzers.Tests.Redis
{
    /// <summary>
    /// StackExchange.Redis 3.1+ ships its own analyzers (SER3xx). The package must not report the same problem
    /// twice: on code that trips both, no MSG diagnostic sits where a SER diagnostic is.
    /// </summary>
    public class SerAnalyzersOverlapTests
    {
        private const string Source = RedisSources.Usings + @"
public class Service
{
    private readonly IDatabase _db;
    public Service(IDatabase db) => _db = db;

    public async Task<string?> MixedAsync(string key, string json)
    {
        var blocked = _db.StringGetAsync(key).Result;            // SER: blocking on a Redis task
        var sync = _db.StringGet(key);                            // MSG3013: synchronous API in async code
        var id = await _db.StreamAddAsync(""events"", ""payload"", json, flags: CommandFlags.FireAndForget); // both look here
        var tran = _db.CreateTransaction();
        var queued = tran.StringGetAsync(key);
        var premature = await queued;                             // SER: awaiting a queued command
        await tran.ExecuteAsync();
        return blocked.ToString() + sync + id + premature;
    }
}";

        [Fact]
        public async Task PackageAndSerRules_DoNotReportTheSameProblemTwice()
        {
            var serAnalyzers = ThirdPartyAnalyzers.Load("ser-analyzers");
            var clients = ClientSet.All.Single(c => c.RedisVersion.StartsWith("3.", StringComparison.Ordinal));
            var compilation = CSharpCompilation.Create(
                "Overlap",
                new[] { CSharpSyntaxTree.ParseText(Source, new CSharpParseOptions(LanguageVersion.Latest), path: "Overlap.cs") },
                Basic.Reference.Assemblies.Net100.References.All.Concat(clients.References),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

            var ours = RuleCatalog.Analyzers.Where(a => a.GetType().Namespace!.EndsWith(".Redis", StringComparison.Ordinal)).ToImmutableArray();
            var all = ours.AddRange(serAnalyzers);
            var diagnostics = await compilation.WithAnalyzers(all).GetAnalyzerDiagnosticsAsync();

            var ser = diagnostics.Where(d => d.Id.StartsWith("SER", StringComparison.Ordinal)).ToList();
            var msg = diagnostics.Where(d => d.Id.StartsWith("MSG", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(ser);
            Assert.NotEmpty(msg);
            foreach (var mine in msg)
            {
                Assert.DoesNotContain(ser, theirs => theirs.Location.SourceSpan.IntersectsWith(mine.Location.SourceSpan)
                    && theirs.Location.SourceSpan.Length > 0
                    && mine.Location.SourceSpan == theirs.Location.SourceSpan);
            }

            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        }
    }
}
