using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.ClientBuiltPerOperationAnalyzer>;

namespace MessagingAnalyzers.Tests.Kafka
{
    public class ClientBuiltPerOperationTests
    {
        private const string Usings = @"using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
";

        [Fact]
        public async Task PerOperationBuilds_AreFlagged()
        {
            var source = Usings + @"
class Sender
{
    private readonly ProducerConfig _config = new ProducerConfig { BootstrapServers = ""b:9092"" };

    public void SendEach(IEnumerable<string> values)
    {
        foreach (var v in values)
        {
            using var producer = {|#0:new ProducerBuilder<Null, string>(_config).Build()|};
            producer.Produce(""t"", new Message<Null, string> { Value = v });
            producer.Flush(TimeSpan.FromSeconds(5));
        }
    }

    public async Task SendOneAsync(string v)
    {
        using var producer = {|#1:new ProducerBuilder<Null, string>(_config).Build()|};
        await producer.ProduceAsync(""t"", new Message<Null, string> { Value = v });
    }

    public void Leak(string v)
    {
        var producer = {|#2:new ProducerBuilder<Null, string>(_config).Build()|};
        producer.Produce(""t"", new Message<Null, string> { Value = v });
    }
}

[ApiController]
public class LagController : ControllerBase
{
    [HttpGet]
    public IActionResult Lag(string group)
    {
        using var admin = {|#3:new AdminClientBuilder(new AdminClientConfig { BootstrapServers = ""b:9092"" }).Build()|};
        return Ok(admin.GetMetadata(TimeSpan.FromSeconds(5)).Brokers.Count);
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("SendEach", "producer", "inside a loop", ProducerCost),
                VerifyAnalyzer.Diagnostic(1).WithArguments("SendOneAsync", "producer", "and disposes it when 'SendOneAsync' returns", ProducerCost),
                VerifyAnalyzer.Diagnostic(2).WithArguments("Leak", "producer", "and never stores or disposes it, so its threads and connections leak", ProducerCost),
                VerifyAnalyzer.Diagnostic(3).WithArguments("Lag", "admin client", "in a request handler, once per request", AdminCost));
        }

        private const string ProducerCost = "each producer opens its own broker connections, fetches metadata and starts its own threads";
        private const string AdminCost = "each admin client opens its own broker connections and threads";
        private const string ConsumerCost = "each consumer opens its own broker connections and threads";
        private const string GroupConsumerCost = "each consumer opens its own broker connections and threads, and joins its group again, which makes the group rebalance";

        [Fact]
        public async Task Message_NamesOnlyWhatTheClientKindCosts()
        {
            var source = Usings + @"
[ApiController]
public class PeekController : ControllerBase
{
    private readonly ConsumerConfig _config = new ConsumerConfig { BootstrapServers = ""b:9092"", GroupId = ""peek"" };

    [HttpGet(""next"")]
    public IActionResult Next()
    {
        using var consumer = {|#0:new ConsumerBuilder<Null, string>(_config).Build()|};
        consumer.Subscribe(""orders"");
        return Ok(consumer.Consume(TimeSpan.FromSeconds(1))?.Message.Value);
    }

    [HttpGet(""at"")]
    public IActionResult At(int partition, long offset)
    {
        using var consumer = {|#1:new ConsumerBuilder<Null, string>(_config).Build()|};
        consumer.Assign(new TopicPartitionOffset(""orders"", partition, offset));
        return Ok(consumer.Consume(TimeSpan.FromSeconds(1))?.Message.Value);
    }

    [HttpPost(""send"")]
    public async Task<IActionResult> Send(string value)
    {
        using var producer = {|#2:new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = ""b:9092"" }).Build()|};
        await producer.ProduceAsync(""orders"", new Message<Null, string> { Value = value });
        return Ok();
    }

    [HttpGet(""topics"")]
    public IActionResult Topics()
    {
        using var admin = {|#3:new AdminClientBuilder(new AdminClientConfig { BootstrapServers = ""b:9092"" }).Build()|};
        return Ok(admin.GetMetadata(TimeSpan.FromSeconds(5)).Topics.Count);
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("Next", "consumer", "in a request handler, once per request", GroupConsumerCost),
                VerifyAnalyzer.Diagnostic(1).WithArguments("At", "consumer", "in a request handler, once per request", ConsumerCost),
                VerifyAnalyzer.Diagnostic(2).WithArguments("Send", "producer", "in a request handler, once per request", ProducerCost),
                VerifyAnalyzer.Diagnostic(3).WithArguments("Topics", "admin client", "in a request handler, once per request", AdminCost));
        }

        [Fact]
        public async Task OneShotAdminClients_InStartUpCode_AreNotFlagged()
        {
            var source = Usings + @"
using System.Linq;
using Confluent.Kafka.Admin;

public static class KafkaSetup
{
    public static IServiceCollection AddKafkaTopics(this IServiceCollection services, string servers)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = servers }).Build();
        admin.CreateTopicsAsync(new[] { new TopicSpecification { Name = ""orders"", NumPartitions = 6 } }).GetAwaiter().GetResult();
        return services;
    }
}

public sealed class TopicCreator : IHostedService
{
    private readonly Lazy<Task> _topics;

    public TopicCreator()
    {
        _topics = new Lazy<Task>(async () =>
        {
            using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = ""b:9092"" }).Build();
            await admin.CreateTopicsAsync(new[] { new TopicSpecification { Name = ""audit"" } });
        });
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _topics.Value;
        await EnsureTopicsAsync();
        await ReadBrokersAsync();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task EnsureTopicsAsync()
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = ""b:9092"" }).Build();
        var existing = admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.Select(t => t.Topic).ToList();
        if (!existing.Contains(""orders""))
        {
            await admin.CreateTopicsAsync(new[] { new TopicSpecification { Name = ""orders"" } });
        }
    }

    // Called only from StartAsync: runs once per process.
    private Task ReadBrokersAsync()
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = ""b:9092"" }).Build();
        Console.WriteLine(admin.GetMetadata(TimeSpan.FromSeconds(10)).Brokers.Count);
        return Task.CompletedTask;
    }
}

public static class Topics
{
    private static readonly int PartitionCount;

    static Topics()
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = ""b:9092"" }).Build();
        PartitionCount = admin.GetMetadata(""orders"", TimeSpan.FromSeconds(10)).Topics[0].Partitions.Count;
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task HelperCalledPerMessage_IsStillFlagged()
        {
            // A private helper called from an ordinary method (not start-up) is not known to run once.
            var source = Usings + @"
public sealed class Auditor
{
    public void OnOrder(string id) => Describe(id);

    private void Describe(string id)
    {
        using var admin = {|#0:new AdminClientBuilder(new AdminClientConfig { BootstrapServers = ""b:9092"" }).Build()|};
        Console.WriteLine(admin.GetMetadata(id, TimeSpan.FromSeconds(5)).Topics.Count);
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("Describe", "admin client", "and disposes it when 'Describe' returns", AdminCost));
        }

        [Fact]
        public async Task AdminClientForTopicSetUp_WhenAConsumerStarts_IsNotFlagged()
        {
            // Topic creation and metadata reads done once when a reader starts (callers outside the compilation, or one
            // that subscribes afterwards): not per operation.
            var source = Usings + @"
using System.Linq;
using Confluent.Kafka.Admin;

public sealed class LedgerReader
{
    private readonly AdminClientConfig _admin = new AdminClientConfig { BootstrapServers = ""k1:9092"" };
    private IConsumer<string, string>? _reader;

    public async Task<IReadOnlyList<string>> PrepareTopicsAsync(IEnumerable<string> names)
    {
        var wanted = names.ToList();
        try
        {
            using var admin = new AdminClientBuilder(_admin).Build();
            await admin.CreateTopicsAsync(wanted.Select(n => new TopicSpecification { Name = n, NumPartitions = 3 }));
        }
        catch (CreateTopicsException)
        {
        }

        return wanted;
    }

    public async Task BeginAsync(IEnumerable<string> names)
    {
        var topics = await PrepareTopicsAsync(names);
        _reader = new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = ""k1:9092"", GroupId = ""ledger"" }).Build();
        _reader.Subscribe(topics);
    }

    public int CountPartitions(string topic)
    {
        using var admin = new AdminClientBuilder(_admin).Build();
        return admin.GetMetadata(topic, TimeSpan.FromSeconds(5)).Topics[0].Partitions.Count;
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task AdminClientBehindALazyMethodGroup_IsNotFlagged()
        {
            // new Lazy<T>(LoadPartitions): the metadata is read once, on first use.
            var source = Usings + @"
using System.Linq;

public class LagMonitor
{
    private readonly Lazy<List<int>> _partitions;
    private readonly AdminClientConfig _admin = new AdminClientConfig { BootstrapServers = ""k1:9092"" };

    public LagMonitor() => _partitions = new Lazy<List<int>>(LoadPartitions);

    protected virtual List<int> LoadPartitions()
    {
        using var admin = new AdminClientBuilder(_admin).Build();
        return admin.GetMetadata(""payments"", TimeSpan.FromSeconds(5)).Topics[0].Partitions.Select(p => p.PartitionId).ToList();
    }

    public int Count => _partitions.Value.Count;
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task AdminClientPerItem_PerRequest_PerMessage_OrForOtherWork_IsStillFlagged()
        {
            var source = Usings + @"
using System.Linq;
using Confluent.Kafka.Admin;

public sealed class TopicInspector
{
    private readonly AdminClientConfig _admin = new AdminClientConfig { BootstrapServers = ""k1:9092"" };

    public int Partitions(string topic)
    {
        using var admin = {|#0:new AdminClientBuilder(_admin).Build()|};
        return admin.GetMetadata(topic, TimeSpan.FromSeconds(5)).Topics[0].Partitions.Count;
    }

    public int Total(IEnumerable<string> topics)
    {
        var total = 0;
        foreach (var topic in topics)
        {
            total += Partitions(topic);
        }

        return total;
    }

    public void Check(ConsumeResult<string, string> record) => Console.WriteLine(Brokers());

    public int Brokers()
    {
        using var admin = {|#1:new AdminClientBuilder(_admin).Build()|};
        return admin.GetMetadata(TimeSpan.FromSeconds(5)).Brokers.Count;
    }

    public async Task TrimAsync(string topic)
    {
        using var admin = {|#2:new AdminClientBuilder(_admin).Build()|};
        await admin.DeleteRecordsAsync(new[] { new TopicPartitionOffset(topic, 0, 100) });
    }

    public void Watch(System.Timers.Timer timer) => timer.Elapsed += (_, _) => Console.WriteLine(Brokers2());

    public int Brokers2()
    {
        using var admin = {|#3:new AdminClientBuilder(_admin).Build()|};
        return admin.GetMetadata(TimeSpan.FromSeconds(5)).Brokers.Count;
    }

    public int Describe()
    {
        using var admin = {|#4:new AdminClientBuilder(_admin).Build()|};
        return admin.GetMetadata(TimeSpan.FromSeconds(5)).Topics.Count;
    }
}

[ApiController]
public class InspectController : ControllerBase
{
    private readonly TopicInspector _inspector = new TopicInspector();

    [HttpGet]
    public IActionResult Get() => Ok(_inspector.Describe());
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("Partitions", "admin client", "and disposes it when 'Partitions' returns", AdminCost),
                VerifyAnalyzer.Diagnostic(1).WithArguments("Brokers", "admin client", "and disposes it when 'Brokers' returns", AdminCost),
                VerifyAnalyzer.Diagnostic(2).WithArguments("TrimAsync", "admin client", "and disposes it when 'TrimAsync' returns", AdminCost),
                VerifyAnalyzer.Diagnostic(3).WithArguments("Brokers2", "admin client", "and disposes it when 'Brokers2' returns", AdminCost),
                VerifyAnalyzer.Diagnostic(4).WithArguments("Describe", "admin client", "and disposes it when 'Describe' returns", AdminCost));
        }

        [Fact]
        public async Task LoopStartingOneConsumerLoopPerClient_IsNotFlagged()
        {
            var source = Usings + @"
public sealed class PartitionWorkers : BackgroundService
{
    private readonly ConsumerConfig _config = new ConsumerConfig { BootstrapServers = ""b:9092"", GroupId = ""workers"" };

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(StartAll(4, stoppingToken));

    public List<Task> StartAll(int count, CancellationToken ct)
    {
        var tasks = new List<Task>();
        for (var i = 0; i < count; i++)
        {
            var consumer = new ConsumerBuilder<Null, string>(_config).Build();
            tasks.Add(Task.Run(() =>
            {
                consumer.Subscribe(""orders"");
                while (!ct.IsCancellationRequested)
                {
                    consumer.Consume(ct);
                }

                consumer.Close();
            }, ct));
        }

        return tasks;
    }

    public List<Task> StartEach(IEnumerable<string> topics, CancellationToken ct)
    {
        var tasks = new List<Task>();
        foreach (var topic in topics)
        {
            var consumer = new ConsumerBuilder<Null, string>(_config).Build();
            consumer.Subscribe(topic);
            tasks.Add(Task.Run(() => RunAsync(consumer, ct), ct));
        }

        return tasks;
    }

    private static Task RunAsync(IConsumer<Null, string> consumer, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                consumer.Consume(ct);
            }
        }
        finally
        {
            consumer.Close();
        }

        return Task.CompletedTask;
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task RestartLoopAroundALongLivedConsumer_AndClientsKeptPerPartition_AreNotFlagged()
        {
            var source = Usings + """
public sealed class Restarting
{
    private readonly ConsumerConfig _config = new ConsumerConfig { BootstrapServers = "b:9092", GroupId = "g" };
    private readonly List<ProducerHolder> _holders = new();

    public void Run(CancellationToken ct)
    {
        // Rebuilt only when its own consume loop ends (after a fatal error): one consumer at a time, for a long time.
        while (!ct.IsCancellationRequested)
        {
            using var consumer = new ConsumerBuilder<string, string>(_config).Build();
            consumer.Subscribe("orders");
            while (!ct.IsCancellationRequested)
            {
                consumer.Consume(ct);
            }
        }
    }

    public void OpenAll(int partitions)
    {
        // One producer per partition, kept by the type.
        for (var i = 0; i < partitions; i++)
        {
            _holders.Add(new ProducerHolder { Partition = i, Producer = new ProducerBuilder<string, string>(new ProducerConfig()).Build() });
        }
    }
}

public sealed class ProducerHolder
{
    public int Partition { get; set; }
    public IProducer<string, string>? Producer { get; set; }
}
""";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task ClientUsedByALoopInsideTaskRun_IsNotFlagged()
        {
            var source = Usings + @"
public sealed class Pump
{
    public async Task PumpAsync(ConsumerConfig config, CancellationToken ct)
    {
        using var consumer = new ConsumerBuilder<Null, string>(config).Build();
        consumer.Subscribe(""orders"");
        await Task.Run(() =>
        {
            while (!ct.IsCancellationRequested)
            {
                consumer.Consume(ct);
            }
        }, ct);
    }

    public async Task EmitAsync(ProducerConfig config, IAsyncEnumerable<string> values)
    {
        using var producer = new ProducerBuilder<Null, string>(config).Build();
        await Task.Run(async () =>
        {
            await foreach (var v in values)
            {
                producer.Produce(""t"", new Message<Null, string> { Value = v }, r => { });
            }
        });
        producer.Flush(TimeSpan.FromSeconds(10));
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task ShortLivedRegistrationFactories_AreLeftToMSG1004()
        {
            var source = Usings + @"
using Microsoft.Extensions.DependencyInjection.Extensions;

public static class Registrations
{
    public static void Register(IServiceCollection services, ProducerConfig config)
    {
        services.AddTransient(sp =>
        {
            var producer = new ProducerBuilder<Null, string>(config).Build();
            return producer;
        });
        services.TryAddScoped(_ => new ProducerBuilder<Null, string>(config).Build());
        services.Add(new ServiceDescriptor(typeof(IProducer<Null, string>), _ => new ProducerBuilder<Null, string>(config).Build(), ServiceLifetime.Scoped));
        services.AddScoped(sp => new Holder(new ProducerBuilder<Null, string>(config).Build()));
    }
}

public sealed class Holder
{
    public Holder(IProducer<Null, string> producer) => Producer = producer;

    public IProducer<Null, string> Producer { get; }
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task LongLivedClients_AreNotFlagged()
        {
            var source = Usings + @"
class Factory
{
    private readonly IProducer<Null, string> _producer = new ProducerBuilder<Null, string>(new ProducerConfig()).Build();
    private readonly Lazy<IConsumer<Null, string>> _consumer = new(() => new ConsumerBuilder<Null, string>(new ConsumerConfig { GroupId = ""g"" }).Build());
    private IProducer<Null, string>? _other;

    public IProducer<Null, string> Create(ProducerConfig config) => new ProducerBuilder<Null, string>(config).Build();

    public IProducer<Null, string> CreateNamed(ProducerConfig config)
    {
        var producer = new ProducerBuilder<Null, string>(config).Build();
        return producer;
    }

    public void Init(ProducerConfig config)
    {
        _other = new ProducerBuilder<Null, string>(config).Build();
    }

    public static void Register(IServiceCollection services, ProducerConfig config)
    {
        services.AddSingleton(_ => new ProducerBuilder<Null, string>(config).Build());
        services.AddScoped(_ => new ConsumerBuilder<Null, string>(new ConsumerConfig()).Build());
    }

    public void RunLoop(ConsumerConfig config, CancellationToken ct)
    {
        using var consumer = new ConsumerBuilder<Null, string>(config).Build();
        consumer.Subscribe(""t"");
        while (!ct.IsCancellationRequested)
        {
            consumer.Consume(ct);
        }

        consumer.Close();
    }
}

sealed class Worker : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var consumer = new ConsumerBuilder<Null, string>(new ConsumerConfig { GroupId = ""g"" }).Build();
        return Task.CompletedTask;
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source);

            var program = Usings + @"
using var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = ""b:9092"" }).Build();
await producer.ProduceAsync(""t"", new Message<Null, string> { Value = ""hello"" });
";
            await VerifyAnalyzer.AnalyzerAsync(program, new VerifyOptions { OutputKind = OutputKind.ConsoleApplication });
        }
    }
}
