using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.ProduceAsyncAwaitedInLoopAnalyzer>;
using VerifyFix = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.ProduceAsyncAwaitedInLoopAnalyzer, MessagingAnalyzers.CodeFixes.Kafka.ProduceAsyncAwaitedInLoopCodeFix>;

namespace MessagingAnalyzers.Tests.Kafka
{
    public class ProduceAsyncAwaitedInLoopTests
    {
        private const string Usings = @"using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
";

        private static string InSender(string members, string config = "") => Usings + @"
class Sender
{
    private readonly IProducer<string, string> _producer;
    public Sender(IProducer<string, string> producer) => _producer = producer;
" + config + members + @"
}";

        [Fact]
        public async Task AwaitInForeachForAndWhile_IsFlagged()
        {
            var source = InSender(@"
    public async Task SendAllAsync(IEnumerable<string> values, string[] more, Queue<string> queue)
    {
        foreach (var v in values)
        {
            await {|#0:_producer.ProduceAsync(""t"", new Message<string, string> { Value = v })|};
        }

        for (var i = 0; i < more.Length; i++)
        {
            var result = await {|#1:_producer.ProduceAsync(""t"", new Message<string, string> { Value = more[i] })|}.ConfigureAwait(false);
            Console.WriteLine(result.Offset);
        }

        while (queue.Count > 0)
        {
            if (queue.Peek() != null)
            {
                await {|#2:_producer.ProduceAsync(""t"", new Message<string, string> { Value = queue.Dequeue() })|};
            }
        }
    }");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("_producer.ProduceAsync"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("_producer.ProduceAsync"),
                VerifyAnalyzer.Diagnostic(2).WithArguments("_producer.ProduceAsync"));
        }

        [Fact]
        public async Task LoopThatConsumesAndAnswersEachRecord_IsNotFlagged()
        {
            // Each turn reads one record and produces one answer: the consumer sets the pace.
            var source = InSender("""
    public async Task AnswerAsync(IConsumer<string, string> consumer, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var record = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (record is null)
            {
                continue;
            }

            await _producer.ProduceAsync("answers", new Message<string, string> { Key = record.Message.Key, Value = "ok" });
        }
    }
""");
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task RetryLoops_LeftRightAfterTheProduce_AreNotFlagged_ButLoopsThatGoOnAre()
        {
            var source = InSender(@"
    public async Task SendWithRetryAsync(string v, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _producer.ProduceAsync(""t"", new Message<string, string> { Value = v }, ct);
                return;
            }
            catch (ProduceException<string, string>) when (attempt < 3)
            {
                await Task.Delay(100 * attempt, ct);
            }
        }
    }

    public async Task<long> SendUntilDeliveredAsync(string v)
    {
        while (true)
        {
            try
            {
                var result = await _producer.ProduceAsync(""t"", new Message<string, string> { Value = v }).ConfigureAwait(false);
                return result.Offset.Value;
            }
            catch (KafkaException)
            {
            }
        }
    }

    public async Task SendOnceAsync(string v)
    {
        while (true)
        {
            try
            {
                await _producer.ProduceAsync(""t"", new Message<string, string> { Value = v });
                break;
            }
            catch (KafkaException)
            {
                await Task.Delay(100);
            }
        }
    }

    public async Task SendAllAsync(IEnumerable<string> values)
    {
        foreach (var v in values)
        {
            switch (v.Length)
            {
                case 0:
                    await {|#0:_producer.ProduceAsync(""t"", new Message<string, string> { Value = v })|};
                    break;
            }

            // The same loop: one finding, at its first awaited produce.
            await _producer.ProduceAsync(""t"", new Message<string, string> { Value = v });
            Console.WriteLine(v);
        }
    }");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("_producer.ProduceAsync"));
        }

        [Fact]
        public async Task NotFlagged_OutsideLoops_InteractiveLoops_MaxInFlightOne_AndCommitAfterProduce()
        {
            var source = InSender(@"
    public async Task OnceAsync(string v) => await _producer.ProduceAsync(""t"", new Message<string, string> { Value = v });

    public async Task ChatAsync()
    {
        while (true)
        {
            var line = Console.ReadLine();
            await _producer.ProduceAsync(""chat"", new Message<string, string> { Value = line });
        }
    }

    public async Task StartAllAsync(IEnumerable<string> values)
    {
        var tasks = new List<Task>();
        foreach (var v in values)
        {
            tasks.Add(_producer.ProduceAsync(""t"", new Message<string, string> { Value = v }));
            tasks.Add(Task.Run(async () => await _producer.ProduceAsync(""t"", new Message<string, string> { Value = v })));
        }

        await Task.WhenAll(tasks);
    }

    public async Task RelayAsync(IConsumer<string, string> consumer, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var result = consumer.Consume(ct);
            await _producer.ProduceAsync(""out"", result.Message);
            consumer.Commit(result);
        }
    }");
            await VerifyAnalyzer.AnalyzerAsync(source);

            var ordered = Usings + @"
class OrderedSender
{
    private readonly IProducer<string, string> _producer =
        new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = ""b:9092"", MaxInFlight = 1 }).Build();

    public async Task SendInOrderAsync(IEnumerable<string> values)
    {
        foreach (var v in values)
        {
            await _producer.ProduceAsync(""t"", new Message<string, string> { Value = v });
        }
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(ordered);
        }

        [Fact]
        public async Task ThrottledLoops_AreNotFlagged_ButABackOffInACatchIsNoThrottle()
        {
            var source = InSender(@"
    public async Task TrickleAsync(IEnumerable<string> values, CancellationToken ct)
    {
        foreach (var v in values)
        {
            await _producer.ProduceAsync(""t"", new Message<string, string> { Value = v }, ct);
            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        }
    }

    public async Task SimulateAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Thread.Sleep(50);
            await _producer.ProduceAsync(""sim"", new Message<string, string> { Value = i.ToString() });
        }
    }

    public async Task PacedAsync(IReadOnlyList<string> values)
    {
        var sent = 0;
        foreach (var v in values)
        {
            await _producer.ProduceAsync(""t"", new Message<string, string> { Value = v });
            if (++sent % 100 == 0)
            {
                await Task.Delay(1000);
            }
        }
    }

    public async Task SendAllWithBackOffAsync(IEnumerable<string> values)
    {
        foreach (var v in values)
        {
            try
            {
                await {|#0:_producer.ProduceAsync(""t"", new Message<string, string> { Value = v })|};
            }
            catch (ProduceException<string, string>)
            {
                await Task.Delay(500);
            }
        }
    }");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("_producer.ProduceAsync"));
        }

        [Fact]
        public async Task Fix_CollectsTasks_AndAwaitsWhenAll()
        {
            var source = InSender(@"
    public async Task SendAllAsync(IEnumerable<string> values, string[] audit)
    {
        foreach (var v in values)
        {
            await {|#0:_producer.ProduceAsync(""t"", new Message<string, string> { Value = v })|};
            await _producer.ProduceAsync(""copy"", new Message<string, string> { Value = v }).ConfigureAwait(false);
        }

        for (var i = 0; i < audit.Length; i++)
        {
            await {|#2:_producer.ProduceAsync(""audit"", new Message<string, string> { Value = audit[i] })|};
        }
    }");
            var fixedSource = InSender(@"
    public async Task SendAllAsync(IEnumerable<string> values, string[] audit)
    {
        var produceTasks = new List<Task<DeliveryResult<string, string>>>();
        foreach (var v in values)
        {
            produceTasks.Add(_producer.ProduceAsync(""t"", new Message<string, string> { Value = v }));
            produceTasks.Add(_producer.ProduceAsync(""copy"", new Message<string, string> { Value = v }));
        }
        await Task.WhenAll(produceTasks);

        var produceTasks2 = new List<Task<DeliveryResult<string, string>>>();
        for (var i = 0; i < audit.Length; i++)
        {
            produceTasks2.Add(_producer.ProduceAsync(""audit"", new Message<string, string> { Value = audit[i] }));
        }
        await Task.WhenAll(produceTasks2);
    }");
            await VerifyFix.CodeFixAsync(source, fixedSource,
                VerifyFix.Diagnostic(0).WithArguments("_producer.ProduceAsync"),
                VerifyFix.Diagnostic(2).WithArguments("_producer.ProduceAsync"));
        }

        [Fact]
        public async Task ALoopThatReadsEachDeliveryResult_SaysItHasNoMechanicalFix()
        {
            var source = KafkaSources.Usings + @"
class Exporter
{
    private readonly IProducer<string, string> _producer = null!;

    public async Task<long> ExportAsync(IEnumerable<string> rows)
    {
        long last = 0;
        foreach (var row in rows)
        {
            var delivered = await _producer.ProduceAsync(""rows"", new Message<string, string> { Value = row });
            last = delivered.Offset.Value;
        }

        return last;
    }

    public async Task ExportAllAsync(IEnumerable<string> rows)
    {
        foreach (var row in rows)
        {
            await _producer.ProduceAsync(""rows"", new Message<string, string> { Value = row });
        }
    }
}";
            var compilation = MessagingAnalyzers.Tests.Reliability.FuzzSources.Compilation(ClientSet.All[0], "NoFix", new[] { ("Exporter.cs", source) });
            var diagnostics = await compilation.WithAnalyzers(System.Collections.Immutable.ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(
                new MessagingAnalyzers.Kafka.ProduceAsyncAwaitedInLoopAnalyzer())).GetAnalyzerDiagnosticsAsync();
            Assert.Equal(2, diagnostics.Length);
            Assert.Single(diagnostics, d => d.Properties.TryGetValue(MessagingAnalyzers.Kafka.ProduceAsyncAwaitedInLoopAnalyzer.NoFixProperty, out var reason) && reason == "the loop reads each delivery result");
        }
    }
}
