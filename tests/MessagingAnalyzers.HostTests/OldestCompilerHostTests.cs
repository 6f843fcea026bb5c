using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace MessagingAnalyzers.HostTests
{
    public class OldestCompilerHostTests
    {
        private const string Source = @"using System;
using System.Text.Json;
using System.Threading.Tasks;
using Confluent.Kafka;
using StackExchange.Redis;

public record OrderPlaced(Guid OrderId);

public class Orders
{
    private readonly IProducer<string, string> _producer;
    private readonly IConsumer<string, string> _replies;
    private readonly IDatabase _db;
    private readonly ISubscriber _bus;

    public Orders(IProducer<string, string> producer, IConsumer<string, string> replies, IConnectionMultiplexer redis)
    {
        _producer = producer; _replies = replies; _db = redis.GetDatabase(); _bus = redis.GetSubscriber();
    }

    public long Send(string id) => _producer.ProduceAsync(""orders"", new Message<string, string> { Key = id, Value = id }).Result.Offset.Value;

    public async Task<string?> QuoteAsync(string id)
    {
        await _producer.ProduceAsync(""quotes"", new Message<string, string> { Key = id, Value = id });
        return _replies.Consume(TimeSpan.FromSeconds(5))?.Message.Value;
    }

    public async Task AnnounceAsync(OrderPlaced placed) =>
        await _bus.PublishAsync(RedisChannel.Literal(""orders""), JsonSerializer.Serialize(placed));

    public bool Allow(string ip)
    {
        var count = _db.StringIncrement($""rate:{ip}"");
        _db.KeyExpire($""rate:{ip}"", TimeSpan.FromMinutes(1));
        return count < 100;
    }
}";

        [Fact]
        public void TheHostIsTheOldestSupportedCompiler()
        {
            Assert.Equal(new Version(4, 8, 0, 0), typeof(CSharpCompilation).Assembly.GetName().Version);
            Assert.Equal(new Version(4, 8, 0, 0), typeof(MessagingAnalyzer).Assembly.GetReferencedAssemblies().Single(a => a.Name == "Microsoft.CodeAnalysis").Version);
        }

        [Fact]
        public async Task EveryAnalyzerLoadsAndRuns_InTheOldestSupportedCompiler()
        {
            // What a compiler loads: the analyzers marked [DiagnosticAnalyzer] (the rule hosts, which run the rules
            // through their recording contexts, and the suppressor).
            var analyzers = typeof(MessagingAnalyzer).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
                .ToImmutableArray();
            var rules = analyzers.OfType<RuleHost>().Sum(h => h.Rules.Length);
            Assert.True(rules > 40, $"found {rules} rules in {analyzers.Length} analyzers");

            var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(p => p.EndsWith(".dll", StringComparison.Ordinal))
                // The user's code is not a test project: leave the test framework out (MSG1002 is silent in tests).
                .Where(p => !Path.GetFileName(p).StartsWith("xunit", StringComparison.OrdinalIgnoreCase)
                            && !Path.GetFileName(p).StartsWith("Microsoft.TestPlatform", StringComparison.OrdinalIgnoreCase)
                            && !Path.GetFileName(p).StartsWith("testhost", StringComparison.OrdinalIgnoreCase))
                .Select(p => MetadataReference.CreateFromFile(p));
            var compilation = CSharpCompilation.Create(
                "Host",
                new[] { CSharpSyntaxTree.ParseText(Source, new CSharpParseOptions(LanguageVersion.Latest)) },
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

            var exceptions = new List<Exception>();
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), (e, _, _) => exceptions.Add(e), concurrentAnalysis: true, logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();

            Assert.Empty(exceptions);
            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
            var ids = diagnostics.Select(d => d.Id).ToHashSet();
            foreach (var expected in new[] { "MSG1001", "MSG1002", "MSG2001", "MSG3006" })
            {
                Assert.Contains(expected, ids);
            }
        }
    }
}
