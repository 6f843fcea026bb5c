using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.ConsumerDisposedWithoutCloseAnalyzer>;
using VerifyFix = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.ConsumerDisposedWithoutCloseAnalyzer, MessagingAnalyzers.CodeFixes.Kafka.ConsumerDisposedWithoutCloseCodeFix>;

namespace MessagingAnalyzers.Tests.Kafka
{
    public class ConsumerDisposedWithoutCloseTests
    {
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
                VerifyAnalyzer.Diagnostic(0).WithArguments("consumer"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("_consumer"));
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
                VerifyFix.Diagnostic(0).WithArguments("consumer"),
                VerifyFix.Diagnostic(1).WithArguments("_consumer"));
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
