using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.DeliveryResultUnobservedAnalyzer>;
using VerifyFix = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.DeliveryResultUnobservedAnalyzer, MessagingAnalyzers.CodeFixes.Kafka.DeliveryResultUnobservedCodeFix>;

namespace MessagingAnalyzers.Tests.Kafka
{
    public class DeliveryResultUnobservedTests
    {
        private const string Usings = @"using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Confluent.Kafka;
";

        private const string HandlerAdvice = "Pass a delivery handler that checks report.Error";
        private const string TaskAdvice = "Await it (or keep it and await it later), or use Produce with a delivery handler";

        private static string InSender(string members) => Usings + @"
class Sender
{
    private readonly IProducer<string, string> _producer;
    public Sender(IProducer<string, string> producer) => _producer = producer;
" + members + @"
}";

        [Fact]
        public async Task ProduceWithoutHandler_AndDiscardedTasks_AreFlagged()
        {
            var source = InSender(@"
    public void Send(string v)
    {
        {|#0:_producer.Produce(""t"", new Message<string, string> { Value = v })|};
        {|#1:_producer.Produce(""t"", new Message<string, string> { Value = v }, null)|};
        {|#2:_producer.ProduceAsync(""t"", new Message<string, string> { Value = v })|};
        _ = {|#3:_producer.ProduceAsync(""t"", new Message<string, string> { Value = v })|};
        var unused = {|#4:_producer.ProduceAsync(""t"", new Message<string, string> { Value = v })|};
    }");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("'_producer.Produce' has no delivery handler", HandlerAdvice),
                VerifyAnalyzer.Diagnostic(1).WithArguments("'_producer.Produce' passes a null delivery handler", HandlerAdvice),
                VerifyAnalyzer.Diagnostic(2).WithArguments("The task of '_producer.ProduceAsync' is thrown away", TaskAdvice),
                VerifyAnalyzer.Diagnostic(3).WithArguments("The task of '_producer.ProduceAsync' is thrown away", TaskAdvice),
                VerifyAnalyzer.Diagnostic(4).WithArguments("The task of '_producer.ProduceAsync' is thrown away", TaskAdvice));
        }

        [Fact]
        public async Task ObservedResults_AreNotFlagged()
        {
            var source = InSender(@"
    public async Task SendAsync(IEnumerable<string> values)
    {
        _producer.Produce(""t"", new Message<string, string> { Value = ""a"" }, r => Console.WriteLine(r.Error));
        await _producer.ProduceAsync(""t"", new Message<string, string> { Value = ""b"" });
        var pending = _producer.ProduceAsync(""t"", new Message<string, string> { Value = ""c"" });
        Console.WriteLine(""queued"");
        await pending;
        var tasks = new List<Task<DeliveryResult<string, string>>>();
        foreach (var v in values)
        {
            tasks.Add(_producer.ProduceAsync(""t"", new Message<string, string> { Value = v }));
        }

        await Task.WhenAll(tasks);
    }

    public Task<DeliveryResult<string, string>> Forward(string v) => _producer.ProduceAsync(""t"", new Message<string, string> { Value = v });");
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task DeliveryReportsTurnedOff_IsLeftToMSG2009()
        {
            var source = Usings + @"
class FireAndForget
{
    private readonly IProducer<Null, string> _producer =
        new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = ""b:9092"", EnableDeliveryReports = false }).Build();

    public void Log(string line) => _producer.Produce(""logs"", new Message<Null, string> { Value = line });
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task TransactionalProducers_AreDecidedByTheCommit_AndNotFlagged()
        {
            var source = Usings + @"
class Transfers
{
    private readonly IProducer<string, string> _producer = new ProducerBuilder<string, string>(
        new ProducerConfig { BootstrapServers = ""b:9092"", TransactionalId = ""transfers"" }).Build();

    public void Move(string v)
    {
        _producer.BeginTransaction();
        _producer.Produce(""moves"", new Message<string, string> { Key = v, Value = v });
        _ = _producer.ProduceAsync(""moves"", new Message<string, string> { Key = v, Value = v });
        _producer.CommitTransaction();
    }
}

class Relay
{
    public void Forward(IProducer<string, string> producer, IEnumerable<string> values)
    {
        producer.BeginTransaction();
        foreach (var v in values)
        {
            producer.Produce(""out"", new Message<string, string> { Key = v, Value = v });
        }

        producer.CommitTransaction();
    }

    public void Plain(IProducer<string, string> other, string v) =>
        {|#0:other.Produce(""out"", new Message<string, string> { Key = v, Value = v })|};
}

class DependentOfTransactional
{
    private readonly IProducer<string, string> _owner = new ProducerBuilder<string, string>(
        new ProducerConfig { BootstrapServers = ""b:9092"", TransactionalId = ""tx"" }).Build();
    private readonly IProducer<Null, byte[]> _blobs;

    public DependentOfTransactional() => _blobs = new DependentProducerBuilder<Null, byte[]>(_owner.Handle).Build();

    public void Store(byte[] blob) => _blobs.Produce(""blobs"", new Message<Null, byte[]> { Value = blob });
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("'other.Produce' has no delivery handler", HandlerAdvice));
        }

        [Fact]
        public async Task ContinuationsOnTheProduceTask_AreNotFlagged()
        {
            var source = InSender(@"
    public async Task SendAsync(string v)
    {
        await _producer.ProduceAsync(""t"", new Message<string, string> { Value = v })
            .ContinueWith(t => Console.WriteLine(t.IsFaulted ? t.Exception!.Message : ""sent""));
        await _producer.ProduceAsync(""t"", new Message<string, string> { Value = v }).ContinueWith(t => t.Result.Offset).ConfigureAwait(false);
    }");
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task Fix_AddsHandlers_AndAwaits()
        {
            var source = InSender(@"
    public void Send(string v)
    {
        {|#0:_producer.Produce(""t"", new Message<string, string> { Value = v })|};
        {|#1:_producer.Produce(""t"", new Message<string, string> { Value = v }, null)|};
        _ = {|#2:_producer.ProduceAsync(""t"", new Message<string, string> { Value = v })|};
    }

    public async Task SendAsync(string v)
    {
        {|#3:_producer.ProduceAsync(""t"", new Message<string, string> { Value = v })|};
        await Task.Yield();
    }");
            var fixedSource = InSender(@"
    public void Send(string v)
    {
        _producer.Produce(""t"", new Message<string, string> { Value = v }, report =>
        {
            if (report.Error.IsError)
            {
                System.Diagnostics.Trace.TraceError($""Kafka delivery to {report.TopicPartition} failed: {report.Error.Reason}"");
            }
        });
        _producer.Produce(""t"", new Message<string, string> { Value = v }, report =>
        {
            if (report.Error.IsError)
            {
                System.Diagnostics.Trace.TraceError($""Kafka delivery to {report.TopicPartition} failed: {report.Error.Reason}"");
            }
        });
        _producer.Produce(""t"", new Message<string, string> { Value = v }, report =>
        {
            if (report.Error.IsError)
            {
                System.Diagnostics.Trace.TraceError($""Kafka delivery to {report.TopicPartition} failed: {report.Error.Reason}"");
            }
        });
    }

    public async Task SendAsync(string v)
    {
        await _producer.ProduceAsync(""t"", new Message<string, string> { Value = v });
        await Task.Yield();
    }");
            await VerifyFix.CodeFixAsync(source, fixedSource,
                VerifyFix.Diagnostic(0).WithArguments("'_producer.Produce' has no delivery handler", HandlerAdvice),
                VerifyFix.Diagnostic(1).WithArguments("'_producer.Produce' passes a null delivery handler", HandlerAdvice),
                VerifyFix.Diagnostic(2).WithArguments("The task of '_producer.ProduceAsync' is thrown away", TaskAdvice),
                VerifyFix.Diagnostic(3).WithArguments("The task of '_producer.ProduceAsync' is thrown away", TaskAdvice));
        }
    }
}
