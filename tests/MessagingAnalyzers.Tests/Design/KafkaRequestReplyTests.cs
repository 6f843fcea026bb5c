using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Design.KafkaRequestReplyAnalyzer>;

namespace MessagingAnalyzers.Tests.Design
{
    public class KafkaRequestReplyTests
    {
        private const string Usings = @"using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using Microsoft.AspNetCore.Mvc;
";

        [Fact]
        public async Task ControllerThatConsumesTheReply_IsFlagged()
        {
            var source = Usings + @"
[ApiController]
public class QuotesController : ControllerBase
{
    private readonly IProducer<string, string> _producer;
    private readonly IConsumer<string, string> _replies;
    public QuotesController(IProducer<string, string> producer, IConsumer<string, string> replies) { _producer = producer; _replies = replies; }

    [HttpPost]
    public async Task<IActionResult> Quote(string request)
    {
        var id = Guid.NewGuid().ToString();
        await {|#0:_producer.ProduceAsync(""quote-requests"", new Message<string, string> { Key = id, Value = request })|};
        while (true)
        {
            var result = _replies.Consume(TimeSpan.FromSeconds(5));
            if (result?.Message.Key == id)
            {
                return Ok(result.Message.Value);
            }
        }
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("Quote", "_producer.ProduceAsync", "_replies.Consume"));
        }

        [Fact]
        public async Task PerCallConsumerWithRandomGroup_IsFlagged()
        {
            var source = Usings + @"
public class PriceClient
{
    private readonly IProducer<string, string> _producer;
    public PriceClient(IProducer<string, string> producer) => _producer = producer;

    public async Task<string> GetPriceAsync(string sku, CancellationToken ct)
    {
        var config = new ConsumerConfig { BootstrapServers = ""localhost:9092"", GroupId = Guid.NewGuid().ToString() };
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        await {|#0:_producer.ProduceAsync(""price-requests"", new Message<string, string> { Key = sku, Value = sku }, ct)|};
        consumer.Subscribe(""price-replies"");
        return consumer.Consume(ct).Message.Value;
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("GetPriceAsync", "_producer.ProduceAsync", "consumer.Subscribe"));
        }

        [Fact]
        public async Task PerRequestTaskCompletionSource_IsFlagged()
        {
            var source = Usings + @"
public class RpcClient
{
    private readonly IProducer<string, string> _producer;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _pending = new();
    public RpcClient(IProducer<string, string> producer) => _producer = producer;

    public async Task<string> CallAsync(string payload)
    {
        var correlationId = Guid.NewGuid().ToString();
        var tcs = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[correlationId] = tcs;
        {|#0:_producer.Produce(""rpc-requests"", new Message<string, string> { Key = correlationId, Value = payload })|};
        return await tcs.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async Task<string> CallInlineAsync(string payload, string id)
    {
        await {|#1:_producer.ProduceAsync(""rpc-requests"", new Message<string, string> { Key = id, Value = payload })|};
        return await _pending.GetOrAdd(id, _ => new TaskCompletionSource<string>()).Task;
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("CallAsync", "_producer.Produce", "tcs.Task"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("CallInlineAsync", "_producer.ProduceAsync", "_pending.GetOrAdd(id, _ => new TaskCompletionSource<string>()).Task"));
        }

        [Fact]
        public async Task TaskCompletionSourceCompletedByDeliveryReports_IsNotAReplyWait()
        {
            // The method produces a batch with delivery handlers and waits until every report is in: no reply is read.
            var source = Usings + """
public class BatchSender
{
    private readonly IProducer<string, string> _producer;

    public BatchSender(IProducer<string, string> producer) => _producer = producer;

    public Task SendAllAsync(string[] values)
    {
        var done = new TaskCompletionSource<bool>();
        var pending = values.Length;
        foreach (var value in values)
        {
            _producer.Produce("batch", new Message<string, string> { Value = value }, report =>
            {
                if (report.Error.IsError)
                {
                    done.TrySetException(new KafkaException(report.Error));
                }
                else if (Interlocked.Decrement(ref pending) == 0)
                {
                    done.TrySetResult(true);
                }
            });
        }

        return done.Task;
    }
}
""";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task TaskCompletionSourceCompletedByALocalDeliveryHandler_IsNotAReplyWait()
        {
            var source = Usings + """
public class BatchSender
{
    private readonly IProducer<string, string> _producer;

    public BatchSender(IProducer<string, string> producer) => _producer = producer;

    public Task SendAsync(string value)
    {
        var delivered = new TaskCompletionSource<bool>();

        void OnDelivered(DeliveryReport<string, string> report)
        {
            if (report.Error.IsError)
            {
                delivered.TrySetException(new KafkaException(report.Error));
            }
            else
            {
                delivered.TrySetResult(true);
            }
        }

        _producer.Produce("batch", new Message<string, string> { Value = value }, OnDelivered);
        return delivered.Task;
    }
}
""";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task PollingAndWaitHandles_AreFlagged()
        {
            var source = Usings + @"
public class PollingClient
{
    private readonly IProducer<string, string> _producer;
    private readonly ConcurrentDictionary<string, string> _replies = new();
    public PollingClient(IProducer<string, string> producer) => _producer = producer;

    public async Task<string> CallAsync(string id, string payload)
    {
        await {|#0:_producer.ProduceAsync(""requests"", new Message<string, string> { Key = id, Value = payload })|};
        string reply;
        while (!_replies.TryRemove(id, out reply))
        {
            await Task.Delay(50);
        }

        return reply;
    }

    public string Call(string id, string payload)
    {
        using var arrived = new ManualResetEventSlim();
        {|#1:_producer.Produce(""requests"", new Message<string, string> { Key = id, Value = payload })|};
        arrived.Wait(TimeSpan.FromSeconds(5));
        return _replies[id];
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("CallAsync", "_producer.ProduceAsync", "a polling loop"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("Call", "_producer.Produce", "arrived.Wait"));
        }

        [Fact]
        public async Task OnlyTheProduceThatStartsTheExchange_IsFlagged()
        {
            var source = Usings + @"
public class Client
{
    public string Call(IProducer<string, string> producer, IConsumer<string, string> replies, string id)
    {
        producer.Produce(""audit"", new Message<string, string> { Value = id });
        {|#0:producer.Produce(""requests"", new Message<string, string> { Key = id, Value = id })|};
        return replies.Consume(TimeSpan.FromSeconds(5))?.Message.Value;
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("Call", "producer.Produce", "replies.Consume"));
        }

        [Fact]
        public async Task MinimalApiLambdaInTopLevelStatements_IsFlagged()
        {
            var source = Usings + @"
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app = null!;
IProducer<string, string> producer = null!;
IConsumer<string, string> replies = null!;
app.MapPost(""/quotes"", async (string request) =>
{
    await {|#0:producer.ProduceAsync(""quote-requests"", new Message<string, string> { Value = request })|};
    return Results.Ok(replies.Consume(TimeSpan.FromSeconds(5))?.Message.Value);
});
";
            await VerifyAnalyzer.AnalyzerAsync(source,
                new VerifyOptions { OutputKind = OutputKind.ConsoleApplication },
                VerifyAnalyzer.Diagnostic(0).WithArguments("<Main>$", "producer.ProduceAsync", "replies.Consume"));
        }

        [Fact]
        public async Task ConsoleDemoInMain_IsNotFlagged()
        {
            var source = Usings + @"
public static class Program
{
    public static async Task Main()
    {
        using var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = ""localhost:9092"" }).Build();
        using var consumer = new ConsumerBuilder<Null, string>(new ConsumerConfig { BootstrapServers = ""localhost:9092"", GroupId = ""demo"" }).Build();
        await producer.ProduceAsync(""demo"", new Message<Null, string> { Value = ""hello"" });
        consumer.Subscribe(""demo"");
        Console.WriteLine(consumer.Consume(TimeSpan.FromSeconds(10))?.Message.Value);
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source, new VerifyOptions { OutputKind = OutputKind.ConsoleApplication });
        }

        [Fact]
        public async Task TestMethods_AreNotFlagged()
        {
            var source = Usings + @"
namespace Xunit { public sealed class FactAttribute : System.Attribute { } }

public class RoundTripTests
{
    [Xunit.Fact]
    public async Task ProducedMessageIsConsumed()
    {
        using var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = ""localhost:9092"" }).Build();
        using var consumer = new ConsumerBuilder<Null, string>(new ConsumerConfig { BootstrapServers = ""localhost:9092"", GroupId = ""t"" }).Build();
        await producer.ProduceAsync(""t"", new Message<Null, string> { Value = ""v"" });
        consumer.Subscribe(""t"");
        var result = consumer.Consume(TimeSpan.FromSeconds(10));
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task BackgroundServiceProcessor_IsNotFlagged()
        {
            var source = Usings + @"
using Microsoft.Extensions.Hosting;

public sealed class EnrichmentWorker : BackgroundService
{
    private readonly IConsumer<string, string> _consumer;
    private readonly IProducer<string, string> _producer;
    public EnrichmentWorker(IConsumer<string, string> consumer, IProducer<string, string> producer) { _consumer = consumer; _producer = producer; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await _producer.ProduceAsync(""worker-status"", new Message<string, string> { Value = ""started"" });
        _consumer.Subscribe(""orders"");
        while (!stoppingToken.IsCancellationRequested)
        {
            var result = _consumer.Consume(stoppingToken);
            await _producer.ProduceAsync(""orders-enriched"", new Message<string, string> { Key = result.Message.Key, Value = result.Message.Value.ToUpperInvariant() });
            var next = _consumer.Consume(TimeSpan.Zero);
        }
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task SharedSignalsAndSetup_AreNotFlagged()
        {
            var source = Usings + @"
public class Relay
{
    private readonly IProducer<string, string> _producer;
    private readonly IConsumer<string, string> _consumer;
    private readonly TaskCompletionSource<bool> _started = new();
    private readonly SemaphoreSlim _throttle = new(10);

    public Relay(IProducer<string, string> producer, IConsumer<string, string> consumer) { _producer = producer; _consumer = consumer; }

    public async Task StartAsync()
    {
        await _producer.ProduceAsync(""relay-status"", new Message<string, string> { Value = ""up"" });
        _consumer.Subscribe(""commands"");
        await _started.Task;
        await _throttle.WaitAsync();
    }

    public void Forward(ConsumeResult<string, string> result)
    {
        var next = _consumer.Consume(TimeSpan.Zero);
        _producer.Produce(""out"", new Message<string, string> { Value = result.Message.Value }, report =>
        {
            var after = _consumer.Consume(TimeSpan.Zero);
        });
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }
    }
}
