using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MessagingAnalyzers.Benchmarks
{
    /// <summary>
    /// Synthetic compilations of a chosen size: messaging-heavy services (producers, consumers, Redis caches,
    /// locks, pub/sub) mixed with ordinary business code, or plain code that references neither client. Like real
    /// code, most of it is clean: one messaging file in five has a finding (a dual write, MSG1005).
    /// </summary>
    public static class SyntheticCode
    {
        /// <summary>Files per unit of size (1x = this many messaging files and as many business files).</summary>
        public const int FilesPerUnit = 25;

        public static CSharpCompilation Create(int scale, bool messaging)
        {
            var trees = new List<SyntaxTree>();
            for (var i = 0; i < FilesPerUnit * scale; i++)
            {
                trees.Add(Parse(Business(i), $"Business{i}.cs"));
                if (messaging)
                {
                    trees.Add(Parse(Messaging(i), $"Messaging{i}.cs"));
                }
                else
                {
                    trees.Add(Parse(Business(i + 100_000), $"MoreBusiness{i}.cs"));
                }
            }

            IEnumerable<MetadataReference> references = Basic.Reference.Assemblies.Net100.References.All;
            if (messaging)
            {
                references = references
                    .Append(MetadataReference.CreateFromFile(typeof(Confluent.Kafka.IProducer<,>).Assembly.Location))
                    .Append(MetadataReference.CreateFromFile(typeof(StackExchange.Redis.IDatabase).Assembly.Location))
                    .Append(MetadataReference.CreateFromFile(typeof(Pipelines.Sockets.Unofficial.SocketConnection).Assembly.Location));
            }

            return CSharpCompilation.Create($"Synthetic{scale}{(messaging ? "M" : "P")}", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        }

        private static SyntaxTree Parse(string text, string path) =>
            CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest), path: path, encoding: Encoding.UTF8);

        private static string Business(int i) => $@"using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Shop.Business{i}
{{
    public sealed record Line{i}(string Sku, int Quantity, decimal Price);

    public sealed class PriceCalculator{i}
    {{
        private readonly Dictionary<string, decimal> _discounts = new();

        public decimal Total(IEnumerable<Line{i}> lines)
        {{
            var total = 0m;
            foreach (var line in lines)
            {{
                var discount = _discounts.TryGetValue(line.Sku, out var d) ? d : 0m;
                total += line.Quantity * line.Price * (1 - discount);
            }}

            return Math.Round(total, 2);
        }}

        public string Describe(IReadOnlyList<Line{i}> lines)
        {{
            var builder = new StringBuilder();
            for (var n = 0; n < lines.Count; n++)
            {{
                builder.Append(lines[n].Sku).Append(' ').Append(lines[n].Quantity.ToString()).AppendLine();
            }}

            return builder.ToString().Trim();
        }}

        public IEnumerable<string> TopSkus(IEnumerable<Line{i}> lines, int count) =>
            lines.GroupBy(l => l.Sku).OrderByDescending(g => g.Sum(l => l.Quantity)).Take(count).Select(g => g.Key.ToUpperInvariant());

        public void AddDiscount(string sku, decimal value)
        {{
            if (value < 0 || value > 1) throw new ArgumentOutOfRangeException(nameof(value));
            _discounts[sku] = value;
        }}
    }}
}}
";

        /// <summary>The finding of every fifth messaging file: a Redis write beside the produce (MSG1005).</summary>
        private const string DualWrite = "await _db.StringSetAsync(\"order:\" + placed.OrderId, \"placed\", TimeSpan.FromHours(1));";

        private static string Messaging(int i) => $@"using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using StackExchange.Redis;

namespace Shop.Messaging{i}
{{
    public sealed record OrderPlaced{i}(Guid OrderId, decimal Total);

    public sealed class OrderService{i}
    {{
        private readonly IProducer<string, string> _producer;
        private readonly IConsumer<string, string> _consumer;
        private readonly IDatabase _db;
        private readonly ISubscriber _bus;

        public OrderService{i}(IProducer<string, string> producer, IConsumer<string, string> consumer, IConnectionMultiplexer redis)
        {{
            _producer = producer;
            _consumer = consumer;
            _db = redis.GetDatabase();
            _bus = redis.GetSubscriber();
        }}

        public static ProducerConfig Config() => new ProducerConfig {{ BootstrapServers = ""kafka:9092"", Acks = Acks.All, EnableIdempotence = true }};

        public async Task PlaceAsync(OrderPlaced{i} placed, CancellationToken ct)
        {{
            var json = JsonSerializer.Serialize(placed);
            await _producer.ProduceAsync(""orders"", new Message<string, string> {{ Key = placed.OrderId.ToString(), Value = json }}, ct);
            {(i % 5 == 0 ? DualWrite : string.Empty)}
        }}

        public async Task MarkAsync(OrderPlaced{i} placed)
        {{
            await _db.StringSetAsync($""order:{{placed.OrderId}}"", ""placed"", TimeSpan.FromHours(1));
            await _bus.PublishAsync(RedisChannel.Literal(""cache-invalidate""), placed.OrderId.ToString());
        }}

        public void Run(CancellationToken ct)
        {{
            _consumer.Subscribe(""orders"");
            try
            {{
                while (!ct.IsCancellationRequested)
                {{
                    ConsumeResult<string, string> result;
                    try
                    {{
                        result = _consumer.Consume(ct);
                    }}
                    catch (ConsumeException e) when (!e.Error.IsFatal)
                    {{
                        continue;
                    }}

                    var count = _db.HashIncrement(""stats"", result.Message.Key);
                    _producer.Produce(""orders-counted"", new Message<string, string> {{ Key = result.Message.Key, Value = count.ToString() }}, r => {{ }});
                }}
            }}
            finally
            {{
                _consumer.Close();
            }}
        }}

        public async Task<bool> WithLockAsync(string name, Func<Task> work)
        {{
            var token = Guid.NewGuid().ToString();
            if (!await _db.LockTakeAsync(""lock:"" + name, token, TimeSpan.FromSeconds(30)))
            {{
                return false;
            }}

            try
            {{
                await work();
                return true;
            }}
            finally
            {{
                await _db.LockReleaseAsync(""lock:"" + name, token);
            }}
        }}

        public async Task<string?> CachedAsync(string key, Func<Task<string>> load)
        {{
            var cached = await _db.StringGetAsync(""cache:"" + key);
            if (cached.HasValue)
            {{
                return cached;
            }}

            var value = await load();
            await _db.StringSetAsync(""cache:"" + key, value, TimeSpan.FromMinutes(10));
            return value;
        }}
    }}
}}
";
    }
}
