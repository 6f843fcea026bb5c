using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.FlushPerMessageAnalyzer>;
using VerifyFix = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.FlushPerMessageAnalyzer, MessagingAnalyzers.CodeFixes.Kafka.FlushPerMessageCodeFix>;

namespace MessagingAnalyzers.Tests.Kafka
{
    public class FlushPerMessageTests
    {
        private const string Usings = @"using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Confluent.Kafka;
";

        private static string InSender(string members) => Usings + @"
class Sender : IDisposable
{
    private readonly IProducer<Null, string> _producer;
    public Sender(IProducer<Null, string> producer) => _producer = producer;
" + members + @"
}";

        [Fact]
        public async Task FlushInTheProducingLoop_AndAfterEachMessage_AreFlagged()
        {
            var source = InSender(@"
    public void SendAll(IEnumerable<string> values)
    {
        foreach (var v in values)
        {
            _producer.Produce(""t"", new Message<Null, string> { Value = v }, r => { });
            {|#0:_producer.Flush(TimeSpan.FromSeconds(5))|};
        }
    }

    public void SendNested(IEnumerable<IReadOnlyList<string>> batches)
    {
        foreach (var batch in batches)
        {
            foreach (var v in batch)
            {
                _producer.Produce(""t"", new Message<Null, string> { Value = v }, r => { });
                {|#2:_producer.Flush(TimeSpan.FromSeconds(5))|};
            }
        }
    }

    public void Send(string v)
    {
        _producer.Produce(""t"", new Message<Null, string> { Value = v }, r => { });
        {|#1:_producer.Flush(TimeSpan.FromSeconds(5))|};
    }

    public void Dispose() => _producer.Dispose();");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("_producer.Flush", "inside the loop that produces, once per message"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("_producer.Flush", "after every message in 'Send'"),
                VerifyAnalyzer.Diagnostic(2).WithArguments("_producer.Flush", "inside the loop that produces, once per message"));
        }

        [Fact]
        public async Task BatchAndShutdownFlushes_AreNotFlagged()
        {
            var source = InSender(@"
    public void SendAll(IEnumerable<string> values)
    {
        var n = 0;
        foreach (var v in values)
        {
            _producer.Produce(""t"", new Message<Null, string> { Value = v }, r => { });
            if (++n % 1000 == 0)
            {
                _producer.Flush(TimeSpan.FromSeconds(5));
            }
        }

        _producer.Flush(TimeSpan.FromSeconds(5));
    }

    public void StopAsync()
    {
        _producer.Produce(""t"", new Message<Null, string> { Value = ""bye"" }, r => { });
        _producer.Flush(TimeSpan.FromSeconds(5));
    }

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }

    public static void OneShot(ProducerConfig config)
    {
        using var producer = new ProducerBuilder<Null, string>(config).Build();
        producer.Produce(""t"", new Message<Null, string> { Value = ""once"" }, r => { });
        producer.Flush(TimeSpan.FromSeconds(5));
    }

    // An outbox relay: each round produces a batch in an inner loop, then flushes it once.
    public void Relay(IEnumerable<IReadOnlyList<string>> batches, System.Threading.CancellationToken ct)
    {
        foreach (var batch in batches)
        {
            foreach (var v in batch)
            {
                _producer.Produce(""t"", new Message<Null, string> { Value = v }, r => { });
            }

            _producer.Flush(ct);
        }
    }");
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task Fix_MovesTheFlushAfterTheLoop()
        {
            var source = InSender(@"
    public void SendAll(IEnumerable<string> values)
    {
        foreach (var v in values)
        {
            _producer.Produce(""t"", new Message<Null, string> { Value = v }, r => { });
            {|#0:_producer.Flush(TimeSpan.FromSeconds(5))|};
        }
    }

    public void Dispose() => _producer.Dispose();");
            var fixedSource = InSender(@"
    public void SendAll(IEnumerable<string> values)
    {
        foreach (var v in values)
        {
            _producer.Produce(""t"", new Message<Null, string> { Value = v }, r => { });
        }
        _producer.Flush(TimeSpan.FromSeconds(5));
    }

    public void Dispose() => _producer.Dispose();");
            await VerifyFix.CodeFixAsync(source, fixedSource,
                VerifyFix.Diagnostic(0).WithArguments("_producer.Flush", "inside the loop that produces, once per message"));
        }

        [Fact]
        public async Task Fix_IsNotOffered_ForAProducerBuiltInTheLoop()
        {
            // The flush reads a producer that only lives in the iteration: moving it after the loop would not compile.
            var source = InSender(@"
    public void SendAll(IEnumerable<string> values, ProducerConfig config)
    {
        foreach (var v in values)
        {
            using var perItem = new ProducerBuilder<Null, string>(config).Build();
            perItem.Produce(""t"", new Message<Null, string> { Value = v }, r => { });
            {|#0:perItem.Flush(TimeSpan.FromSeconds(5))|};
        }
    }

    public void Dispose() => _producer.Dispose();");
            await VerifyFix.CodeFixAsync(source, source,
                VerifyFix.Diagnostic(0).WithArguments("perItem.Flush", "inside the loop that produces, once per message"));
        }
    }
}
