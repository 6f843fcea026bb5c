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
                VerifyAnalyzer.Diagnostic(0).WithArguments("SendEach", "producer", "inside a loop"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("SendOneAsync", "producer", "and disposes it when 'SendOneAsync' returns"),
                VerifyAnalyzer.Diagnostic(2).WithArguments("Leak", "producer", "and never stores or disposes it, so its threads and connections leak"),
                VerifyAnalyzer.Diagnostic(3).WithArguments("Lag", "admin client", "in a request handler, once per request"));
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
