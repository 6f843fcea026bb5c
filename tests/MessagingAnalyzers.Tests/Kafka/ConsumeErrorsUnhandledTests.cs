using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.ConsumeErrorsUnhandledAnalyzer>;
using VerifyFix = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.ConsumeErrorsUnhandledAnalyzer, MessagingAnalyzers.CodeFixes.Kafka.ConsumeErrorsUnhandledCodeFix>;

namespace MessagingAnalyzers.Tests.Kafka
{
    public class ConsumeErrorsUnhandledTests
    {
        private const string NoCatch = "has no catch of ConsumeException";
        private const string CaughtOutside = "is caught only outside its loop";
        private const string Endless = "an endless loop";
        private const string UntilCancelled = "a loop that runs until it is cancelled";

        private static string Worker(string members, string fields = "") => KafkaSources.Usings + @"
class Worker
{
    private readonly IConsumer<string, string> _consumer;
" + fields + @"
    public Worker(IConsumer<string, string> consumer) => _consumer = consumer;
    private void Handle(ConsumeResult<string, string> r) { }
" + members + @"
}";

        [Fact]
        public async Task LongLivedLoopsWithoutACatchInside_AreFlagged()
        {
            var source = Worker(@"
    public void Run(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var result = {|#0:_consumer.Consume(ct)|};
                Handle(result);
            }
        }
        catch (ConsumeException)
        {
        }
    }

    public void RunUntilStopped()
    {
        while (_running)
        {
            Handle({|#1:_consumer.Consume(TimeSpan.FromSeconds(1))|});
        }
    }

    public void RunHelper(CancellationToken ct)
    {
        while (true)
        {
            Poll(ct);
        }
    }

    private void Poll(CancellationToken ct) => Handle({|#2:_consumer.Consume(ct)|});", "    private volatile bool _running = true;\n");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("_consumer.Consume", CaughtOutside, UntilCancelled),
                VerifyAnalyzer.Diagnostic(1).WithArguments("_consumer.Consume", NoCatch, "a loop that runs until '_running' changes"),
                VerifyAnalyzer.Diagnostic(2).WithArguments("_consumer.Consume", NoCatch, Endless));
        }

        [Fact]
        public async Task HandledErrors_AndSingleConsumes_AreNotFlagged()
        {
            var source = Worker(@"
    public void Run(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                Handle(_consumer.Consume(ct));
            }
            catch (ConsumeException e) when (!e.Error.IsFatal)
            {
                Console.WriteLine(e.Error.Reason);
            }
        }
    }

    public void RunRethrow(CancellationToken ct)
    {
        while (true)
        {
            try
            {
                Handle(_consumer.Consume(ct));
            }
            catch (ConsumeException e)
            {
                if (e.Error.IsFatal) throw;
            }
        }
    }

    public void RunDeadLetter(CancellationToken ct)
    {
        while (true)
        {
            try
            {
                Handle(_consumer.Consume(ct));
            }
            catch (ConsumeException e)
            {
                _dlq.Produce(""dlq"", new Message<byte[], byte[]> { Value = e.ConsumerRecord.Message.Value });
            }
        }
    }

    public ConsumeResult<string, string> Once() => _consumer.Consume(TimeSpan.FromSeconds(1));",
            "    private readonly IProducer<byte[], byte[]> _dlq = null!;\n");
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task LogAndSkip_Filters_AndFailFastCatches_AreNotFlagged()
        {
            var source = Worker(@"
    public void LogAndSkip(CancellationToken ct)
    {
        for (;;)
        {
            try
            {
                Handle(_consumer.Consume(ct));
            }
            catch (Exception e)
            {
                Console.WriteLine(e.Message);
            }
        }
    }

    public void Filtered(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                Handle(_consumer.Consume(ct));
            }
            catch (ConsumeException e) when (e.Error.Code == ErrorCode.Local_ValueDeserialization)
            {
            }
        }
    }

    public void CloseAndBreak(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                Handle(_consumer.Consume(ct));
            }
            catch (KafkaException)
            {
                _consumer.Close();
                break;
            }
        }
    }

    public void RethrowAroundTheLoop(CancellationToken ct)
    {
        try
        {
            while (true)
            {
                Handle(_consumer.Consume(ct));
            }
        }
        catch (ConsumeException e)
        {
            Console.WriteLine(e.Error.Reason);
            throw;
        }
    }

    public void CloseAroundTheLoop(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                Handle(_consumer.Consume(ct));
            }
        }
        catch (Exception)
        {
            _consumer.Close();
        }
    }");
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task ACallerThatCatchesAndRestartsTheLoop_IsNotFlagged()
        {
            var source = Worker(@"
    public void Supervise(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                RunLoop(ct);
            }
            catch (Exception e)
            {
                Console.WriteLine(""consumer failed, restarting: "" + e.Message);
            }
        }
    }

    private void RunLoop(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Handle(_consumer.Consume(ct));
        }
    }") + @"

class Supervisor
{
    public async Task KeepAliveAsync(Reader reader, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                reader.ReadForever(ct);
            }
            catch (KafkaException)
            {
                await Task.Delay(1000, ct);
            }
        }
    }
}

class Reader
{
    private readonly IConsumer<string, string> _consumer = null!;

    public void ReadForever(CancellationToken ct)
    {
        while (true)
        {
            _consumer.Consume(ct);
        }
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task BoundedReads_AreNotFlagged()
        {
            var source = Worker(@"
    public List<ConsumeResult<string, string>> ReadBatch(int count)
    {
        var batch = new List<ConsumeResult<string, string>>();
        for (var i = 0; i < count; i++)
        {
            batch.Add(_consumer.Consume(TimeSpan.FromSeconds(1)));
        }

        return batch;
    }

    public void Drain()
    {
        while (true)
        {
            var result = _consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is null)
            {
                break;
            }

            Handle(result);
        }
    }

    public void ReplayToTheEnd(CancellationToken ct)
    {
        while (true)
        {
            var result = _consumer.Consume(ct);
            if (result.IsPartitionEOF) return;
            Handle(result);
        }
    }

    public void ReplayRange(long end, CancellationToken ct)
    {
        long offset = 0;
        while (!ct.IsCancellationRequested && offset < end)
        {
            var result = _consumer.Consume(ct);
            offset = result.Offset.Value;
        }
    }

    public void WhileSomethingElse()
    {
        while (KeepGoing())
        {
            Handle(_consumer.Consume(TimeSpan.FromSeconds(1)));
        }
    }

    private static bool KeepGoing() => DateTime.UtcNow.Second > 0;") + @"

[Microsoft.AspNetCore.Mvc.ApiController]
public class PeekController : Microsoft.AspNetCore.Mvc.ControllerBase
{
    private readonly IConsumer<string, string> _consumer = null!;

    public List<string> Peek(CancellationToken ct)
    {
        var values = new List<string>();
        while (!ct.IsCancellationRequested)
        {
            values.Add(_consumer.Consume(ct).Message.Value);
        }

        return values;
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task KeepAlivePollWhilePaused_IsNotFlagged()
        {
            // A loop that polls only to keep the group session while every partition is paused delivers no message.
            var source = KafkaSources.Usings + @"
class Throttle
{
    private readonly IConsumer<string, string> _consumer;
    private CancellationTokenSource _keepAlive = new CancellationTokenSource();
    private volatile bool _allPaused;
    private Task? _poller;

    public Throttle(IConsumer<string, string> consumer) => _consumer = consumer;

    public void Hold(IReadOnlyCollection<TopicPartition> partitions)
    {
        _consumer.Pause(partitions);
        BeginKeepAlive();
    }

    public void Release(IReadOnlyCollection<TopicPartition> partitions)
    {
        _keepAlive.Cancel();
        _consumer.Resume(partitions);
    }

    private void BeginKeepAlive()
    {
        _keepAlive = new CancellationTokenSource();
        _poller = Task.Run(() =>
        {
            try
            {
                while (!_keepAlive.IsCancellationRequested)
                {
                    _consumer.Consume(500);
                }
            }
            catch (Exception e)
            {
                Console.WriteLine(e);
            }
        });
    }

    public void HoldInPlace(CancellationToken ct)
    {
        _consumer.Pause(_consumer.Assignment);
        while (!ct.IsCancellationRequested)
        {
            _consumer.Consume(TimeSpan.FromMilliseconds(200));
        }
    }

    public void WhileAllPaused()
    {
        while (_allPaused)
        {
            _consumer.Consume(200);
        }
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task ResumedBeforeTheLoop_ResumedInsideIt_OrRunningWhileNotPaused_IsFlagged()
        {
            var source = Worker(@"
    public void ResumedFirst(IReadOnlyCollection<TopicPartition> partitions, CancellationToken ct)
    {
        _consumer.Pause(partitions);
        _consumer.Resume(partitions);
        while (!ct.IsCancellationRequested)
        {
            Handle({|#0:_consumer.Consume(ct)|});
        }
    }

    public void ResumedInside(IReadOnlyCollection<TopicPartition> partitions, CancellationToken ct)
    {
        _consumer.Pause(partitions);
        while (!ct.IsCancellationRequested)
        {
            _consumer.Resume(partitions);
            Handle({|#1:_consumer.Consume(ct)|});
        }
    }

    public void WhileNotPaused()
    {
        while (!_paused)
        {
            Handle({|#2:_consumer.Consume(TimeSpan.FromSeconds(1))|});
        }
    }

    public void OtherCaller(CancellationToken ct) => Loop(ct);

    public void Pausing(IReadOnlyCollection<TopicPartition> partitions, CancellationToken ct)
    {
        _consumer.Pause(partitions);
        Loop(ct);
    }

    private void Loop(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Handle({|#3:_consumer.Consume(ct)|});
        }
    }", "    private volatile bool _paused;\n");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("_consumer.Consume", NoCatch, UntilCancelled),
                VerifyAnalyzer.Diagnostic(1).WithArguments("_consumer.Consume", NoCatch, UntilCancelled),
                VerifyAnalyzer.Diagnostic(2).WithArguments("_consumer.Consume", NoCatch, "a loop that runs until '_paused' changes"),
                VerifyAnalyzer.Diagnostic(3).WithArguments("_consumer.Consume", NoCatch, UntilCancelled));
        }

        [Fact]
        public async Task AHostedServiceLoop_IsFlagged()
        {
            var source = KafkaSources.Usings + @"
sealed class Worker : BackgroundService
{
    private readonly IConsumer<string, string> _consumer = null!;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        while (Continue())
        {
            {|#0:_consumer.Consume(TimeSpan.FromSeconds(1))|};
        }
    });

    private static bool Continue() => true;
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("_consumer.Consume", NoCatch, "a loop of hosted service 'Worker'"));
        }

        [Fact]
        public async Task BatchLoop_GuardedInTheOuterLoop_IsNotFlagged_ButGuardedOutsideEveryLoopIs()
        {
            var source = Worker(@"
    public void Run(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var batch = new List<ConsumeResult<string, string>>();
            try
            {
                for (var i = 0; i < 50; i++)
                {
                    var result = _consumer.Consume(TimeSpan.FromMilliseconds(50));
                    if (result is null) break;
                    batch.Add(result);
                }
            }
            catch (ConsumeException e) when (!e.Error.IsFatal)
            {
            }

            batch.ForEach(Handle);
        }
    }

    public void RunOnce(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                for (var i = 0; i < 50; i++)
                {
                    Handle({|#0:_consumer.Consume(ct)|});
                }
            }
        }
        catch (ConsumeException e) when (!e.Error.IsFatal)
        {
        }
    }");
            await VerifyAnalyzer.AnalyzerAsync(source, VerifyAnalyzer.Diagnostic(0).WithArguments("_consumer.Consume", CaughtOutside, UntilCancelled));
        }

        [Fact]
        public async Task Fix_CatchesRethrowsFatal_AndDeadLetters()
        {
            const string Fields = "    private readonly IProducer<byte[], byte[]> _deadLetters = null!;\n";
            var source = Worker(@"
    public void Run(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var result = {|#0:_consumer.Consume(ct)|};
            Handle(result);
        }
    }", Fields);
            var fixedSource = Worker(@"
    public void Run(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            ConsumeResult<string, string> result;
            try
            {
                result = _consumer.Consume(ct);
            }
            catch (ConsumeException e) when (!e.Error.IsFatal)
            {
                // A message that cannot be consumed (e.g. it does not deserialize): keep its raw bytes in the dead-letter topic and move on.
                _deadLetters.Produce(e.ConsumerRecord.Topic + "".dlq"", new Message<byte[], byte[]> { Key = e.ConsumerRecord.Message.Key, Value = e.ConsumerRecord.Message.Value, Headers = e.ConsumerRecord.Message.Headers }, report =>
                {
                    if (report.Error.IsError)
                    {
                        System.Diagnostics.Trace.TraceError($""Kafka delivery to {report.TopicPartition} failed: {report.Error.Reason}"");
                    }
                });
                continue;
            }
            Handle(result);
        }
    }", Fields);
            await VerifyFix.CodeFixAsync(source, fixedSource, VerifyFix.Diagnostic(0).WithArguments("_consumer.Consume", NoCatch, UntilCancelled));
        }

        [Fact]
        public async Task Fix_WithoutADeadLetterProducer_TracesAndSkips()
        {
            var source = Worker(@"
    public void Run(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            {|#0:_consumer.Consume(ct)|};
        }
    }");
            var fixedSource = Worker(@"
    public void Run(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                _consumer.Consume(ct);
            }
            catch (ConsumeException e) when (!e.Error.IsFatal)
            {
                // A message that cannot be consumed (e.g. it does not deserialize): log it and move on.
                System.Diagnostics.Trace.TraceError($""Skipping the message at {e.ConsumerRecord.TopicPartitionOffset}: {e.Error.Reason}"");
                continue;
            }
        }
    }");
            await VerifyFix.CodeFixAsync(source, fixedSource, VerifyFix.Diagnostic(0).WithArguments("_consumer.Consume", NoCatch, UntilCancelled));
        }
    }
}
