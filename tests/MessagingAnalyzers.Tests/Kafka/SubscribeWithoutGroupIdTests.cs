using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.SubscribeWithoutGroupIdAnalyzer>;

namespace MessagingAnalyzers.Tests.Kafka
{
    public class SubscribeWithoutGroupIdTests
    {
        [Fact]
        public async Task SubscribeWithoutGroupId_IsFlagged()
        {
            var source = KafkaSources.Usings + @"
class Reader
{
    private readonly IConsumer<string, string> _consumer =
        new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = ""b:9092"" }).Build();

    public void Start() => {|#0:_consumer.Subscribe(""orders"")|};

    public void Local()
    {
        var config = new ConsumerConfig { BootstrapServers = ""b:9092"" };
        config.AutoOffsetReset = AutoOffsetReset.Earliest;
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        {|#1:consumer.Subscribe(new[] { ""a"", ""b"" })|};
        consumer.Close();
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("_consumer", "sets no GroupId"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("consumer", "sets no GroupId"));
        }

        [Fact]
        public async Task GroupSet_AssignOnly_OrConfigNotVisible_AreNotFlagged()
        {
            var source = KafkaSources.Usings + @"
class Reader
{
    public void WithGroup()
    {
        var config = new ConsumerConfig { BootstrapServers = ""b:9092"" };
        config.GroupId = ""readers"";
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe(""orders"");
        consumer.Close();
    }

    public void WithSet()
    {
        var config = new ConsumerConfig();
        config.Set(""group.id"", ""readers"");
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe(""orders"");
        consumer.Close();
    }

    public void AssignOnly()
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = ""b:9092"" }).Build();
        consumer.Assign(new TopicPartition(""orders"", 0));
        consumer.Close();
    }

    public void Injected(IConsumer<string, string> consumer, ConsumerConfig config)
    {
        consumer.Subscribe(""orders"");
        using var other = new ConsumerBuilder<string, string>(config).Build();
        other.Subscribe(""orders"");
        other.Close();
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        /// <summary>A minimal Microsoft.Extensions.Configuration surface: the tests compile without the package.</summary>
        private const string ConfigurationStub = @"
namespace Microsoft.Extensions.Configuration
{
    public interface IConfiguration { IConfigurationSection GetSection(string key); string? this[string key] { get; } }
    public interface IConfigurationSection : IConfiguration { }
    public static class ConfigurationBinder
    {
        public static void Bind(this IConfiguration configuration, object instance) { }
        public static void Bind(this IConfiguration configuration, string key, object instance) { }
        public static T? Get<T>(this IConfiguration configuration) => default;
    }
}
namespace Microsoft.Extensions.Options
{
    public interface IOptions<out T> where T : class { T Value { get; } }
}";

        [Fact]
        public async Task ConfigsBoundFromConfiguration_OrCopied_AreNotFlagged()
        {
            var source = KafkaSources.Usings + @"using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

class Reader
{
    private readonly IConfiguration _configuration;
    private readonly IOptions<ConsumerConfig> _options;
    private readonly Dictionary<string, string> _settings;

    public Reader(IConfiguration configuration, IOptions<ConsumerConfig> options, Dictionary<string, string> settings)
    {
        _configuration = configuration;
        _options = options;
        _settings = settings;
    }

    public void BoundSection()
    {
        var config = new ConsumerConfig { BootstrapServers = ""b:9092"" };
        _configuration.GetSection(""Kafka:Consumer"").Bind(config);
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe(""orders"");
        consumer.Close();
    }

    public void BoundByKey()
    {
        var config = new ConsumerConfig();
        _configuration.Bind(""Kafka"", config);
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe(""orders"");
        consumer.Close();
    }

    public void Got()
    {
        var config = _configuration.GetSection(""Kafka"").Get<ConsumerConfig>()!;
        config.EnableAutoCommit = false;
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe(""orders"");
        consumer.Close();
    }

    public void FromOptions()
    {
        using var consumer = new ConsumerBuilder<string, string>(_options.Value).Build();
        consumer.Subscribe(""orders"");
        consumer.Close();
    }

    public void CopiedFromOptions()
    {
        var config = new ConsumerConfig(_options.Value) { EnableAutoCommit = false };
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe(""orders"");
        consumer.Close();
    }

    public void CopiedFromADictionary()
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig(_settings) { AutoOffsetReset = AutoOffsetReset.Earliest }).Build();
        consumer.Subscribe(""orders"");
        consumer.Close();
    }
}" + ConfigurationStub;
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task GroupIdVisiblyNulled_IsFlagged_EvenAfterABind()
        {
            var source = KafkaSources.Usings + @"using Microsoft.Extensions.Configuration;

class Reader
{
    private readonly IConfiguration _configuration = null!;

    public void Nulled()
    {
        var config = new ConsumerConfig();
        _configuration.Bind(""Kafka"", config);
        config.GroupId = null;
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        {|#0:consumer.Subscribe(""orders"")|};
        consumer.Close();
    }

    public void Emptied(ConsumerConfig shared)
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig(shared) { GroupId = """" }).Build();
        {|#1:consumer.Subscribe(""orders"")|};
        consumer.Close();
    }
}" + ConfigurationStub;
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("consumer", "sets GroupId to null"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("consumer", "sets GroupId to an empty string"));
        }

        [Fact]
        public async Task GroupIdAsAStringKey_InAKeyValueListOrDictionary_IsNotFlagged()
        {
            var source = KafkaSources.Usings + @"
class Ledger
{
    private readonly Dictionary<string, string> _shared = new Dictionary<string, string>
    {
        [""bootstrap.servers""] = ""k1:9092"",
        [""group.id""] = ""ledger-sync"",
    };

    public void AddedPairs()
    {
        var pairs = new List<KeyValuePair<string, string>>();
        pairs.Add(new KeyValuePair<string, string>(""bootstrap.servers"", ""k1:9092""));
        pairs.Add(new KeyValuePair<string, string>(""group.id"", ""ledger""));
        using var reader = new ConsumerBuilder<string, string>(pairs).Build();
        reader.Subscribe(""entries"");
        reader.Close();
    }

    public void InitializedPairs()
    {
        var pairs = new List<KeyValuePair<string, string>>
        {
            new(""bootstrap.servers"", ""k1:9092""),
            KeyValuePair.Create(""group.id"", ""ledger""),
        };
        using var reader = new ConsumerBuilder<string, string>(pairs).Build();
        reader.Subscribe(""entries"");
        reader.Close();
    }

    public void CollectionInitializer()
    {
        var map = new Dictionary<string, string> { { ""bootstrap.servers"", ""k1:9092"" }, { ""group.id"", ""ledger"" } };
        using var reader = new ConsumerBuilder<string, string>(map).Build();
        reader.Subscribe(""entries"");
        reader.Close();
    }

    public void IndexerInitializer()
    {
        using var reader = new ConsumerBuilder<string, string>(_shared).Build();
        reader.Subscribe(""entries"");
        reader.Close();
    }

    public void AddedToADictionary()
    {
        var map = new Dictionary<string, string>();
        map.Add(""bootstrap.servers"", ""k1:9092"");
        map[""group.id""] = ""ledger"";
        using var reader = new ConsumerBuilder<string, string>(map).Build();
        reader.Subscribe(""entries"");
        reader.Close();
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task KeyValueConfigsNotFullyReadable_AreNotFlagged()
        {
            var source = KafkaSources.Usings + @"
class Ledger
{
    public void KeysFromElsewhere(IDictionary<string, string> overrides)
    {
        var map = new Dictionary<string, string> { [""bootstrap.servers""] = ""k1:9092"" };
        foreach (var entry in overrides)
        {
            map[entry.Key] = entry.Value;
        }

        using var reader = new ConsumerBuilder<string, string>(map).Build();
        reader.Subscribe(""entries"");
        reader.Close();
    }

    public void PairBuiltElsewhere(KeyValuePair<string, string> group)
    {
        var pairs = new List<KeyValuePair<string, string>> { new(""bootstrap.servers"", ""k1:9092""), group };
        using var reader = new ConsumerBuilder<string, string>(pairs).Build();
        reader.Subscribe(""entries"");
        reader.Close();
    }

    public void RangeAdded(IEnumerable<KeyValuePair<string, string>> extra)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        pairs.Add(new KeyValuePair<string, string>(""bootstrap.servers"", ""k1:9092""));
        pairs.AddRange(extra);
        using var reader = new ConsumerBuilder<string, string>(pairs).Build();
        reader.Subscribe(""entries"");
        reader.Close();
    }

    public void RunTimeKey(string key, string value)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        pairs.Add(new KeyValuePair<string, string>(key, value));
        using var reader = new ConsumerBuilder<string, string>(pairs).Build();
        reader.Subscribe(""entries"");
        reader.Close();
    }

    public void ConfigWithRunTimeKey(string key, string value)
    {
        var config = new ConsumerConfig { BootstrapServers = ""k1:9092"" };
        config.Set(key, value);
        using var reader = new ConsumerBuilder<string, string>(config).Build();
        reader.Subscribe(""entries"");
        reader.Close();
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task FullyReadableKeyValueConfig_WithoutGroupId_IsFlagged()
        {
            var source = KafkaSources.Usings + @"
class Ledger
{
    public void Pairs()
    {
        var pairs = new List<KeyValuePair<string, string>>();
        pairs.Add(new KeyValuePair<string, string>(""bootstrap.servers"", ""k1:9092""));
        pairs.Add(new KeyValuePair<string, string>(""auto.offset.reset"", ""earliest""));
        using var reader = new ConsumerBuilder<string, string>(pairs).Build();
        {|#0:reader.Subscribe(""entries"")|};
        reader.Close();
    }

    public void Map()
    {
        var map = new Dictionary<string, string> { [""bootstrap.servers""] = ""k1:9092"", [""group.id""] = """" };
        using var reader = new ConsumerBuilder<string, string>(map).Build();
        {|#1:reader.Subscribe(""entries"")|};
        reader.Close();
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("reader", "sets no GroupId"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("reader", "sets GroupId to an empty string"));
        }
    }
}
