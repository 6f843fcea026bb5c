using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.ConsumerDisposedWithoutCloseAnalyzer>;
using VerifyFix = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.ConsumerDisposedWithoutCloseAnalyzer, MessagingAnalyzers.CodeFixes.Kafka.ConsumerDisposedWithoutCloseCodeFix>;

namespace MessagingAnalyzers.Tests.Kafka
{
    public class ConsumerDisposedWithoutCloseTests
    {
        private const string NoClose = "is disposed without Close()";
        private const string SkippedOnCancel = "is disposed without Close() when it is cancelled: Close() runs only when its consume loop ends normally, and Consume(token) throws OperationCanceledException on cancellation";

        [Fact]
        public async Task DisposedWithoutClose_IsFlagged()
        {
            var source = KafkaSources.Usings + @"
class Reader
{
    public void Read(ConsumerConfig config, CancellationToken ct)
    {
        using var {|#0:consumer|} = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe(""orders"");
        while (!ct.IsCancellationRequested)
        {
            consumer.Consume(ct);
        }
    }
}

sealed class Worker : IDisposable
{
    private readonly IConsumer<string, string> _consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { GroupId = ""g"" }).Build();
    public void Start() => _consumer.Subscribe(""orders"");
    public void Dispose() => {|#1:_consumer.Dispose()|};
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("consumer", NoClose),
                VerifyAnalyzer.Diagnostic(1).WithArguments("_consumer", NoClose));
        }

        [Fact]
        public async Task ClosedOrUnused_IsNotFlagged()
        {
            var source = KafkaSources.Usings + @"
class Reader
{
    public void Read(ConsumerConfig config, CancellationToken ct)
    {
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe(""orders"");
        try
        {
            while (!ct.IsCancellationRequested)
            {
                consumer.Consume(ct);
            }
        }
        finally
        {
            consumer.Close();
        }
    }

    public void NeverSubscribed(ConsumerConfig config)
    {
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        Console.WriteLine(consumer.Name);
    }
}

sealed class Worker : IDisposable
{
    private readonly IConsumer<string, string> _consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { GroupId = ""g"" }).Build();
    public void Start() => _consumer.Subscribe(""orders"");
    public void Stop() => _consumer.Close();
    public void Dispose() => _consumer.Dispose();
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task Fix_ClosesInFinally()
        {
            var source = KafkaSources.Usings + @"
class Reader
{
    public void Read(ConsumerConfig config, CancellationToken ct)
    {
        using var {|#0:consumer|} = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe(""orders"");
        while (!ct.IsCancellationRequested)
        {
            consumer.Consume(ct);
        }
    }
}

sealed class Worker : IDisposable
{
    private readonly IConsumer<string, string> _consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { GroupId = ""g"" }).Build();
    public void Start() => _consumer.Subscribe(""orders"");

    public void Dispose()
    {
        {|#1:_consumer.Dispose()|};
    }
}";
            var fixedSource = KafkaSources.Usings + @"
class Reader
{
    public void Read(ConsumerConfig config, CancellationToken ct)
    {
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        try
        {
            consumer.Subscribe(""orders"");
            while (!ct.IsCancellationRequested)
            {
                consumer.Consume(ct);
            }
        }
        finally
        {
            consumer.Close();
        }
    }
}

sealed class Worker : IDisposable
{
    private readonly IConsumer<string, string> _consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { GroupId = ""g"" }).Build();
    public void Start() => _consumer.Subscribe(""orders"");

    public void Dispose()
    {
        _consumer.Close();
        _consumer.Dispose();
    }
}";
            await VerifyFix.CodeFixAsync(source, fixedSource,
                VerifyFix.Diagnostic(0).WithArguments("consumer", NoClose),
                VerifyFix.Diagnostic(1).WithArguments("_consumer", NoClose));
        }

        [Fact]
        public async Task AssignOnlyConsumers_AreNotFlagged()
        {
            var source = KafkaSources.Usings + @"
class Replayer
{
    public void Replay(ConsumerConfig config, CancellationToken ct)
    {
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Assign(new TopicPartitionOffset(""orders"", 0, 0));
        while (!ct.IsCancellationRequested)
        {
            consumer.Consume(ct);
        }
    }
}

sealed class PartitionReader : IDisposable
{
    private readonly IConsumer<string, string> _consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = ""b:9092"" }).Build();
    public void Start() => _consumer.IncrementalAssign(new[] { new TopicPartitionOffset(""orders"", 1, Offset.Beginning) });
    public ConsumeResult<string, string> Next() => _consumer.Consume(TimeSpan.FromSeconds(1));
    public void Dispose() => _consumer?.Dispose();
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task CloseReachedOnlyWhenTheLoopEndsNormally_IsFlagged()
        {
            var source = KafkaSources.Usings + @"
class Reader
{
    public void Read(ConsumerConfig config, CancellationToken ct)
    {
        using var {|#0:consumer|} = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe(""orders"");
        while (!ct.IsCancellationRequested)
        {
            var result = consumer.Consume(ct);
            Console.WriteLine(result.Message.Value);
        }

        consumer.Close();
    }

    public void CatchesTheCancellation(ConsumerConfig config, CancellationToken ct)
    {
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe(""orders"");
        try
        {
            while (true)
            {
                consumer.Consume(ct);
            }
        }
        catch (OperationCanceledException)
        {
        }

        consumer.Close();
    }

    public void ClosesInTheCancellationCatch(ConsumerConfig config, CancellationToken ct)
    {
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe(""orders"");
        while (true)
        {
            try
            {
                consumer.Consume(ct);
            }
            catch (OperationCanceledException)
            {
                consumer.Close();
                return;
            }
        }
    }

    public void PollsWithATimeout(ConsumerConfig config, CancellationToken ct)
    {
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe(""orders"");
        while (!ct.IsCancellationRequested)
        {
            consumer.Consume(TimeSpan.FromSeconds(1));
        }

        consumer.Close();
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source, VerifyAnalyzer.Diagnostic(0).WithArguments("consumer", SkippedOnCancel));
        }

        [Fact]
        public async Task Fix_MovesTheSkippedCloseIntoFinally()
        {
            var source = KafkaSources.Usings + @"
class Reader
{
    public void Read(ConsumerConfig config, CancellationToken ct)
    {
        using var {|#0:consumer|} = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe(""orders"");
        while (!ct.IsCancellationRequested)
        {
            consumer.Consume(ct);
        }

        consumer.Close();
    }
}";
            var fixedSource = KafkaSources.Usings + @"
class Reader
{
    public void Read(ConsumerConfig config, CancellationToken ct)
    {
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        try
        {
            consumer.Subscribe(""orders"");
            while (!ct.IsCancellationRequested)
            {
                consumer.Consume(ct);
            }
        }
        finally
        {
            consumer.Close();
        }
    }
}";
            await VerifyFix.CodeFixAsync(source, fixedSource, VerifyFix.Diagnostic(0).WithArguments("consumer", SkippedOnCancel));
        }

        [Fact]
        public async Task ConditionalDispose_IsADisposal_AndIsFixed()
        {
            var source = KafkaSources.Usings + @"
sealed class Worker : IDisposable
{
    private IConsumer<string, string>? _consumer;

    public void Start(ConsumerConfig config)
    {
        _consumer = new ConsumerBuilder<string, string>(config).Build();
        _consumer.Subscribe(""orders"");
    }

    public void Dispose()
    {
        {|#0:_consumer?.Dispose()|};
    }
}";
            var fixedSource = KafkaSources.Usings + @"
sealed class Worker : IDisposable
{
    private IConsumer<string, string>? _consumer;

    public void Start(ConsumerConfig config)
    {
        _consumer = new ConsumerBuilder<string, string>(config).Build();
        _consumer.Subscribe(""orders"");
    }

    public void Dispose()
    {
        _consumer?.Close();
        _consumer?.Dispose();
    }
}";
            await VerifyFix.CodeFixAsync(source, fixedSource, VerifyFix.Diagnostic(0).WithArguments("_consumer", NoClose));
        }

        [Fact]
        public async Task TestCode_IsNotFlagged()
        {
            // A test's consumer leaves its own throwaway group.
            await VerifyAnalyzer.AnalyzerAsync(KafkaSources.Usings + TestAttributes.Source + @"
[Microsoft.VisualStudio.TestTools.UnitTesting.TestClass]
public class RoundTripTests
{
    [Microsoft.VisualStudio.TestTools.UnitTesting.TestMethod]
    public void Consumes()
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = ""b:9092"", GroupId = ""tests"" }).Build();
        consumer.Subscribe(""t"");
        consumer.Consume(TimeSpan.FromSeconds(5));
    }
}");
        }
    }
}
