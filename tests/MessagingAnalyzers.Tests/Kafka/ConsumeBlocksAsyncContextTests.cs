using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.ConsumeBlocksAsyncContextAnalyzer>;
using VerifyFix = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.ConsumeBlocksAsyncContextAnalyzer, MessagingAnalyzers.CodeFixes.Kafka.ConsumeBlocksAsyncContextCodeFix>;

namespace MessagingAnalyzers.Tests.Kafka
{
    public class ConsumeBlocksAsyncContextTests
    {
        private const string HostBlocked = "it blocks the host from starting until a message arrives";
        private const string PoolThread = "it holds a thread-pool thread while it waits for messages";

        [Fact]
        public async Task ConsumeInAsyncCode_IsFlagged()
        {
            var source = KafkaSources.Usings + @"
sealed class Worker : BackgroundService
{
    private readonly IConsumer<string, string> _consumer;
    public Worker(IConsumer<string, string> consumer) => _consumer = consumer;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _consumer.Subscribe(""orders"");
        while (!stoppingToken.IsCancellationRequested)
        {
            var result = {|#0:_consumer.Consume(stoppingToken)|};
            await Task.Delay(1, stoppingToken);
        }
    }

    public async Task DrainAsync(CancellationToken ct)
    {
        await Task.Delay(1, ct);
        while (true)
        {
            {|#1:_consumer.Consume(ct)|};
        }
    }

    public Task StartLoop() => {|#2:Task.Factory.StartNew(async () =>
    {
        while (true)
        {
            _consumer.Consume(TimeSpan.FromSeconds(1));
            await Task.Delay(1);
        }
    }, TaskCreationOptions.LongRunning)|};
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("'_consumer.Consume' is called in 'ExecuteAsync' before its first await", HostBlocked),
                VerifyAnalyzer.Diagnostic(1).WithArguments("'_consumer.Consume' is called in async method 'DrainAsync'", PoolThread),
                VerifyAnalyzer.Diagnostic(2).WithArguments("'Task.Factory.StartNew' runs an async lambda with LongRunning around a consume loop", "the dedicated thread ends at the first await and the loop continues on the thread pool"));
        }

        [Fact]
        public async Task DedicatedThreads_AndExecuteAsyncAfterYield_AreNotFlagged()
        {
            var source = KafkaSources.Usings + @"
sealed class Worker : BackgroundService
{
    private readonly IConsumer<string, string> _consumer;
    public Worker(IConsumer<string, string> consumer) => _consumer = consumer;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            _consumer.Consume(stoppingToken);
        }
    }

    public Task RunAsync(CancellationToken ct) => Task.Run(() =>
    {
        while (!ct.IsCancellationRequested)
        {
            _consumer.Consume(ct);
        }
    }, ct);

    public Task StartAsync2(CancellationToken ct) =>
        Task.Factory.StartNew(() => Loop(ct), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Loop(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            _consumer.Consume(ct);
        }
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task Fix_YieldsAtTheStartOfExecuteAsync()
        {
            var source = KafkaSources.Usings + @"
sealed class Worker : BackgroundService
{
    private readonly IConsumer<string, string> _consumer = null!;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            {|#0:_consumer.Consume(stoppingToken)|};
            await Task.Delay(1, stoppingToken);
        }
    }
}";
            var fixedSource = KafkaSources.Usings + @"
sealed class Worker : BackgroundService
{
    private readonly IConsumer<string, string> _consumer = null!;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            _consumer.Consume(stoppingToken);
            await Task.Delay(1, stoppingToken);
        }
    }
}";
            await VerifyFix.CodeFixAsync(source, fixedSource, VerifyFix.Diagnostic(0).WithArguments("'_consumer.Consume' is called in 'ExecuteAsync' before its first await", HostBlocked));
        }

        [Fact]
        public async Task TestCode_IsNotFlagged()
        {
            await VerifyAnalyzer.AnalyzerAsync(KafkaSources.Usings + TestAttributes.Source + @"
public class RoundTripTests
{
    [Xunit.Fact]
    public async Task ProducedMessage_IsConsumed()
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = ""b:9092"" }).Build();
        await producer.ProduceAsync(""t"", new Message<string, string> { Key = ""k"", Value = ""v"" });
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = ""b:9092"", GroupId = ""tests"" }).Build();
        consumer.Subscribe(""t"");
        var result = consumer.Consume(TimeSpan.FromSeconds(10));
        consumer.Close();
    }
}");
        }
    }
}
