using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.ConsumeErrorsUnhandledAnalyzer>;
using VerifyFix = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.ConsumeErrorsUnhandledAnalyzer, MessagingAnalyzers.CodeFixes.Kafka.ConsumeErrorsUnhandledCodeFix>;

namespace MessagingAnalyzers.Tests.Kafka
{
    public class ConsumeErrorsUnhandledTests
    {
        private const string NotGuarded = "is not guarded against ConsumeException inside its loop";
        private const string Stops = "one poison message (for example a deserialization error) ends the loop and stops the consumer";
        private const string Swallows = "swallows ConsumeException without checking Error.IsFatal or dead-lettering the message";
        private const string Vanish = "fatal errors go unnoticed and failed messages vanish";

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
        public async Task UnguardedAndSwallowingLoops_AreFlagged()
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

    public void RunSwallowing(CancellationToken ct)
    {
        for (;;)
        {
            try
            {
                Handle({|#1:_consumer.Consume(ct)|});
            }
            catch (Exception e)
            {
                Console.WriteLine(e.Message);
            }
        }
    }

    public void RunHelper(CancellationToken ct)
    {
        while (true)
        {
            Poll(ct);
        }
    }

    private void Poll(CancellationToken ct) => Handle({|#2:_consumer.Consume(ct)|});");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("_consumer.Consume", NotGuarded, Stops),
                VerifyAnalyzer.Diagnostic(1).WithArguments("_consumer.Consume", Swallows, Vanish),
                VerifyAnalyzer.Diagnostic(2).WithArguments("_consumer.Consume", NotGuarded, Stops));
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
            await VerifyAnalyzer.AnalyzerAsync(source, VerifyAnalyzer.Diagnostic(0).WithArguments("_consumer.Consume", NotGuarded, Stops));
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
                // A message that cannot be consumed (e.g. it does not deserialize): keep its raw bytes and move on.
                _deadLetters.Produce(e.ConsumerRecord.Topic + "".dlq"", new Message<byte[], byte[]> { Key = e.ConsumerRecord.Message.Key, Value = e.ConsumerRecord.Message.Value, Headers = e.ConsumerRecord.Message.Headers });
                continue;
            }
            Handle(result);
        }
    }", Fields);
            await VerifyFix.CodeFixAsync(source, fixedSource, VerifyFix.Diagnostic(0).WithArguments("_consumer.Consume", NotGuarded, Stops));
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
                // A message that cannot be consumed (e.g. it does not deserialize): keep its raw bytes and move on.
                System.Diagnostics.Trace.TraceError($""Skipping the message at {e.ConsumerRecord.TopicPartitionOffset}: {e.Error.Reason}"");
                continue;
            }
        }
    }");
            await VerifyFix.CodeFixAsync(source, fixedSource, VerifyFix.Diagnostic(0).WithArguments("_consumer.Consume", NotGuarded, Stops));
        }
    }
}
