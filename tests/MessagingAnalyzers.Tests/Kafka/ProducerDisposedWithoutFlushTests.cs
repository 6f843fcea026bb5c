using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.ProducerDisposedWithoutFlushAnalyzer>;
using VerifyFix = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.ProducerDisposedWithoutFlushAnalyzer, MessagingAnalyzers.CodeFixes.Kafka.ProducerDisposedWithoutFlushCodeFix>;

namespace MessagingAnalyzers.Tests.Kafka
{
    public class ProducerDisposedWithoutFlushTests
    {
        private const string Usings = @"using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Confluent.Kafka;
";

        [Fact]
        public async Task DisposedAfterQueuedProduces_IsFlagged()
        {
            var source = Usings + @"
class Tool
{
    private static readonly ProducerConfig Config = new ProducerConfig { BootstrapServers = ""b:9092"" };

    public void SendAll(IEnumerable<string> lines)
    {
        using var {|#0:producer|} = new ProducerBuilder<Null, string>(Config).Build();
        foreach (var line in lines)
        {
            producer.Produce(""lines"", new Message<Null, string> { Value = line }, r => Console.WriteLine(r.Error));
        }
    }

    public void SendOne(string line)
    {
        using (var {|#1:producer|} = new ProducerBuilder<Null, string>(Config).Build())
        {
            _ = producer.ProduceAsync(""lines"", new Message<Null, string> { Value = line });
        }
    }
}

sealed class Publisher : IDisposable
{
    private readonly IProducer<Null, string> _producer = new ProducerBuilder<Null, string>(new ProducerConfig()).Build();

    public void Publish(string v) => _producer.Produce(""t"", new Message<Null, string> { Value = v }, r => { });

    public void Dispose() => {|#2:_producer.Dispose()|};
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("producer", "producer.Produce"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("producer", "producer.ProduceAsync"),
                VerifyAnalyzer.Diagnostic(2).WithArguments("_producer", "_producer.Produce"));
        }

        [Fact]
        public async Task ProduceAsyncTaskReturnedToTheCaller_IsTheCallersToAwait()
        {
            var source = Usings + @"
sealed class Gateway : IDisposable
{
    private readonly IProducer<string, string> _producer = new ProducerBuilder<string, string>(new ProducerConfig()).Build();

    public Task<DeliveryResult<string, string>> SendAsync(TopicPartition partition, Message<string, string> message) =>
        _producer.ProduceAsync(partition, message);

    public Task<DeliveryResult<string, string>> ForwardAsync(string topic, Message<string, string> message)
    {
        return _producer.ProduceAsync(topic, message);
    }

    public void Dispose() => _producer.Dispose();
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task FlushedOrAwaited_IsNotFlagged()
        {
            var source = Usings + @"
class Tool
{
    private static readonly ProducerConfig Config = new ProducerConfig { BootstrapServers = ""b:9092"" };

    public void SendAll(IEnumerable<string> lines)
    {
        using var producer = new ProducerBuilder<Null, string>(Config).Build();
        foreach (var line in lines)
        {
            producer.Produce(""lines"", new Message<Null, string> { Value = line }, r => Console.WriteLine(r.Error));
        }

        producer.Flush(TimeSpan.FromSeconds(10));
    }

    public async Task SendAwaitedAsync(IEnumerable<string> lines)
    {
        using var producer = new ProducerBuilder<Null, string>(Config).Build();
        var tasks = new List<Task<DeliveryResult<Null, string>>>();
        foreach (var line in lines)
        {
            tasks.Add(producer.ProduceAsync(""lines"", new Message<Null, string> { Value = line }));
        }

        await producer.ProduceAsync(""lines"", new Message<Null, string> { Value = ""end"" });
        await Task.WhenAll(tasks);
    }

    public void SendBlocking(string line)
    {
        // Waited for synchronously (MSG2001's business): delivered before the disposal.
        using var producer = new ProducerBuilder<Null, string>(Config).Build();
        var first = producer.ProduceAsync(""lines"", new Message<Null, string> { Value = line }).Result;
        producer.ProduceAsync(""lines"", new Message<Null, string> { Value = line }).GetAwaiter().GetResult();
        var third = producer.ProduceAsync(""lines"", new Message<Null, string> { Value = line });
        third.Wait();
    }
}

sealed class Worker : IDisposable
{
    private readonly IProducer<Null, string> _producer = new ProducerBuilder<Null, string>(new ProducerConfig()).Build();

    public void Publish(string v) => _producer.Produce(""t"", new Message<Null, string> { Value = v }, r => { });

    public void Stop() => _producer.Flush(TimeSpan.FromSeconds(5));

    public void Dispose() => _producer.Dispose();
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task TransactionalProducers_AreNotFlagged()
        {
            var source = Usings + @"
class Transfers
{
    public void MoveAll(IEnumerable<string> lines)
    {
        // TransactionalId set: CommitTransaction flushes what was produced.
        var config = new ProducerConfig { BootstrapServers = ""b:9092"", TransactionalId = ""transfers-1"" };
        using var producer = new ProducerBuilder<Null, string>(config).Build();
        producer.InitTransactions(TimeSpan.FromSeconds(10));
        producer.BeginTransaction();
        foreach (var line in lines)
        {
            producer.Produce(""moves"", new Message<Null, string> { Value = line });
        }

        producer.CommitTransaction();
    }

    public void MoveWithInjectedConfig(ProducerConfig config, string line)
    {
        // The config is not visible, but BeginTransaction says the producer is transactional.
        using var producer = new ProducerBuilder<Null, string>(config).Build();
        producer.BeginTransaction();
        _ = producer.ProduceAsync(""moves"", new Message<Null, string> { Value = line });
        producer.CommitTransaction(TimeSpan.FromSeconds(10));
    }
}

sealed class TransactionalRelay : IDisposable
{
    private readonly IProducer<Null, string> _producer = new ProducerBuilder<Null, string>(
        new ProducerConfig { BootstrapServers = ""b:9092"", TransactionalId = $""relay-{Environment.MachineName}"" }).Build();

    public void Relay(string v) => _producer.Produce(""out"", new Message<Null, string> { Value = v });

    public void Dispose() => _producer.Dispose();
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task DependentProducer_FlushedThroughItsOwner_IsNotFlagged_ButUnflushedIs()
        {
            var source = Usings + @"
class Dual
{
    public void SendBoth(ProducerConfig config, string text, byte[] bytes)
    {
        using var owner = new ProducerBuilder<Null, string>(config).Build();
        using var dependent = new DependentProducerBuilder<Null, byte[]>(owner.Handle).Build();
        owner.Produce(""text"", new Message<Null, string> { Value = text }, r => { });
        dependent.Produce(""bytes"", new Message<Null, byte[]> { Value = bytes }, r => { });
        owner.Flush(TimeSpan.FromSeconds(10));
    }

    public void SendBytesOnly(ProducerConfig config, byte[] bytes)
    {
        using var owner = new ProducerBuilder<Null, string>(config).Build();
        using var {|#0:dependent|} = new DependentProducerBuilder<Null, byte[]>(owner.Handle).Build();
        dependent.Produce(""bytes"", new Message<Null, byte[]> { Value = bytes }, r => { });
    }
}

sealed class SharedQueue : IDisposable
{
    private readonly IProducer<string, string> _main;
    private readonly IProducer<Null, byte[]> _blobs;

    public SharedQueue(ProducerConfig config)
    {
        _main = new ProducerBuilder<string, string>(config).Build();
        _blobs = new DependentProducerBuilder<Null, byte[]>(_main.Handle).Build();
    }

    public void Store(byte[] blob) => _blobs.Produce(""blobs"", new Message<Null, byte[]> { Value = blob }, r => { });

    public void Dispose()
    {
        _main.Flush(TimeSpan.FromSeconds(10));
        _blobs.Dispose();
        _main.Dispose();
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("dependent", "dependent.Produce"));
        }

        [Fact]
        public async Task AwaitedContinueWith_IsDelivered_ButAnUnawaitedOneIsNot()
        {
            var source = Usings + @"
class Notifier
{
    public async Task NotifyAsync(ProducerConfig config, string v)
    {
        using var producer = new ProducerBuilder<Null, string>(config).Build();
        await producer.ProduceAsync(""t"", new Message<Null, string> { Value = v })
            .ContinueWith(t => Console.WriteLine(t.Status));
        var pending = producer.ProduceAsync(""t"", new Message<Null, string> { Value = v })
            .ContinueWith(t => Console.WriteLine(t.Status));
        await pending.ConfigureAwait(false);
    }

    public void NotifyAndForget(ProducerConfig config, string v)
    {
        using var {|#0:producer|} = new ProducerBuilder<Null, string>(config).Build();
        producer.ProduceAsync(""t"", new Message<Null, string> { Value = v }).ContinueWith(t => Console.WriteLine(t.Status));
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("producer", "producer.ProduceAsync"));
        }

        [Fact]
        public async Task Fix_FlushesBeforeDisposal()
        {
            var source = Usings + @"
class Tool
{
    public int SendAll(IEnumerable<string> lines, ProducerConfig config)
    {
        using var {|#0:producer|} = new ProducerBuilder<Null, string>(config).Build();
        foreach (var line in lines)
        {
            producer.Produce(""lines"", new Message<Null, string> { Value = line }, r => Console.WriteLine(r.Error));
        }

        return 1;
    }

    public void Close(IProducer<Null, string> other)
    {
        other.Produce(""t"", new Message<Null, string> { Value = ""bye"" }, r => { });
        {|#1:other.Dispose()|};
    }
}";
            var fixedSource = Usings + @"
class Tool
{
    public int SendAll(IEnumerable<string> lines, ProducerConfig config)
    {
        using var producer = new ProducerBuilder<Null, string>(config).Build();
        foreach (var line in lines)
        {
            producer.Produce(""lines"", new Message<Null, string> { Value = line }, r => Console.WriteLine(r.Error));
        }

        producer.Flush(TimeSpan.FromSeconds(10));
        return 1;
    }

    public void Close(IProducer<Null, string> other)
    {
        other.Produce(""t"", new Message<Null, string> { Value = ""bye"" }, r => { });
        other.Flush(TimeSpan.FromSeconds(10));
        other.Dispose();
    }
}";
            await VerifyFix.CodeFixAsync(source, fixedSource,
                VerifyFix.Diagnostic(0).WithArguments("producer", "producer.Produce"),
                VerifyFix.Diagnostic(1).WithArguments("other", "other.Produce"));
        }
    }
}
