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
        private const string OwnThread = "Run the consume loop on its own thread (Task.Factory.StartNew with TaskCreationOptions.LongRunning, or Task.Run)";
        private const string AlreadyOnTaskRun = "A caller already starts it with Task.Run, where it still holds a pool thread: make the loop synchronous and run it on a dedicated thread (Task.Factory.StartNew with TaskCreationOptions.LongRunning, or new Thread) from every caller";

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

    public Task ShutdownAsync(CancellationToken ct) => DrainAsync(ct);

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
                VerifyAnalyzer.Diagnostic(0).WithArguments("'_consumer.Consume' is called in 'ExecuteAsync' before its first await", HostBlocked, OwnThread),
                VerifyAnalyzer.Diagnostic(1).WithArguments("'_consumer.Consume' is called in async method 'DrainAsync'", PoolThread, OwnThread),
                VerifyAnalyzer.Diagnostic(2).WithArguments("'Task.Factory.StartNew' runs an async lambda with LongRunning around a consume loop", "the dedicated thread ends at the first await and the loop continues on the thread pool", "Pass a synchronous lambda, so that the loop stays on the dedicated thread"));
        }

        [Fact]
        public async Task AsyncConsumeMethodThatNoCodeHereCalls_IsNotFlagged()
        {
            // A library's public method: how its callers (in other projects) run it cannot be seen from here.
            var source = KafkaSources.Usings + """
public sealed class Listener
{
    private readonly IConsumer<string, string> _consumer;

    public Listener(IConsumer<string, string> consumer) => _consumer = consumer;

    public async Task ListenAsync(Func<string, Task> handle, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var result = _consumer.Consume(ct);
            await handle(result.Message.Value);
        }
    }
}
""";
            await VerifyAnalyzer.AnalyzerAsync(source);
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
            await VerifyFix.CodeFixAsync(source, fixedSource, VerifyFix.Diagnostic(0).WithArguments("'_consumer.Consume' is called in 'ExecuteAsync' before its first await", HostBlocked, OwnThread));
        }

        [Fact]
        public async Task Fix_MakesATaskReturningExecuteAsyncAsync_AndYields()
        {
            var source = KafkaSources.Usings + @"
sealed class Worker : BackgroundService
{
    private readonly IConsumer<string, string> _consumer = null!;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var result = {|#0:_consumer.Consume(stoppingToken)|};
            if (result is null)
            {
                return Task.CompletedTask;
            }

            Console.WriteLine(result.Message.Value);
        }

        return Task.CompletedTask;
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
            var result = _consumer.Consume(stoppingToken);
            if (result is null)
            {
                return;
            }

            Console.WriteLine(result.Message.Value);
        }
    }
}";
            await VerifyFix.CodeFixAsync(source, fixedSource, VerifyFix.Diagnostic(0).WithArguments("'_consumer.Consume' is called in 'ExecuteAsync' before its first await", HostBlocked, OwnThread));
        }

        [Fact]
        public async Task AsyncLoopsThatEveryCallerStartsOnItsOwnThread_AreNotFlagged()
        {
            var source = KafkaSources.Usings + @"
sealed class Pump
{
    private readonly IConsumer<string, string> _consumer;
    public Pump(IConsumer<string, string> consumer) => _consumer = consumer;

    public void Start(CancellationToken ct)
    {
        _ = Task.Run(() => PumpAsync(ct));
        _ = Task.Run(async () => await ReadAllAsync(ct), ct);
        _ = Task.Factory.StartNew(() => DrainAsync(ct), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        new Thread(() => PollAsync(ct).GetAwaiter().GetResult()).Start();
        _ = Task.Run(TickAsync);
    }

    private async Task PumpAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested) { _consumer.Consume(ct); await Task.Delay(1); }
    }

    private async Task ReadAllAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested) { _consumer.Consume(ct); await Task.Delay(1); }
    }

    private Task DrainAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested) _consumer.Consume(ct);
        return Task.CompletedTask;
    }

    private async Task PollAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested) { _consumer.Consume(ct); await Task.Delay(1); }
    }

    private async Task TickAsync()
    {
        while (true) { _consumer.Consume(TimeSpan.FromSeconds(1)); await Task.Delay(1); }
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task AMethodStartedOnTaskRunByOneCallerOnly_IsFlagged_WithoutProposingTaskRun()
        {
            var source = KafkaSources.Usings + @"
sealed class Pump
{
    private readonly IConsumer<string, string> _consumer;
    public Pump(IConsumer<string, string> consumer) => _consumer = consumer;

    public Task StartInBackground(CancellationToken ct) => Task.Run(() => PumpAsync(ct));

    public async Task StartInline(CancellationToken ct) => await PumpAsync(ct);

    private async Task PumpAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested) { {|#0:_consumer.Consume(ct)|}; await Task.Delay(1); }
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("'_consumer.Consume' is called in async method 'PumpAsync'", PoolThread, AlreadyOnTaskRun));
        }

        [Fact]
        public async Task PollsThatNeverWait_AreNotFlagged()
        {
            var source = KafkaSources.Usings + @"
sealed class Reader
{
    private readonly IConsumer<string, string> _consumer;
    public Reader(IConsumer<string, string> consumer) => _consumer = consumer;

    public async Task PollAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var a = _consumer.Consume(TimeSpan.Zero);
            var b = _consumer.Consume(0);
            var c = _consumer.Consume(default(TimeSpan));
            await Task.Delay(100, ct);
        }
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task ConsoleEntryPoints_AreNotFlagged()
        {
            var topLevel = KafkaSources.Usings + @"
using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = ""b:9092"", GroupId = ""g"" }).Build();
consumer.Subscribe(""orders"");
await Task.Delay(1);
while (true)
{
    var result = consumer.Consume(TimeSpan.FromSeconds(1));
    await Task.Delay(1);
}
";
            await VerifyAnalyzer.AnalyzerAsync(topLevel, new VerifyOptions { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication });

            var main = KafkaSources.Usings + @"
static class Program
{
    static async Task Main()
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = ""b:9092"", GroupId = ""g"" }).Build();
        consumer.Subscribe(""orders"");
        await Task.Delay(1);
        while (true)
        {
            consumer.Consume(TimeSpan.FromSeconds(1));
            await Task.Delay(1);
        }
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(main, new VerifyOptions { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication });
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
