using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.CommitFromConcurrentProcessingAnalyzer>;

namespace MessagingAnalyzers.Tests.Kafka
{
    public class CommitFromConcurrentProcessingTests
    {
        [Fact]
        public async Task CommitsFromConcurrentWork_AreFlagged()
        {
            var source = KafkaSources.Usings + @"
class Worker
{
    private readonly IConsumer<string, string> _consumer;
    public Worker(IConsumer<string, string> consumer) => _consumer = consumer;
    private Task HandleAsync(ConsumeResult<string, string> r) => Task.CompletedTask;

    public void Run(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var result = _consumer.Consume(ct);
            _ = Task.Run(async () =>
            {
                await HandleAsync(result);
                {|#0:_consumer.Commit(result)|};
            });
        }
    }

    public void RunBatch(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var batch = new List<ConsumeResult<string, string>> { _consumer.Consume(ct), _consumer.Consume(ct) };
            Parallel.ForEach(batch, r =>
            {
                HandleAsync(r).Wait();
                {|#1:_consumer.StoreOffset(r)|};
            });
        }
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("_consumer.Commit", "Task.Run"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("_consumer.StoreOffset", "Parallel.ForEach"));
        }

        [Fact]
        public async Task InOrderProcessing_IsNotFlagged()
        {
            var source = KafkaSources.Usings + @"
class Worker
{
    private readonly IConsumer<string, string> _consumer;
    public Worker(IConsumer<string, string> consumer) => _consumer = consumer;
    private Task HandleAsync(ConsumeResult<string, string> r) => Task.CompletedTask;

    public Task RunAsync(CancellationToken ct) => Task.Run(async () =>
    {
        while (!ct.IsCancellationRequested)
        {
            var result = _consumer.Consume(ct);
            await HandleAsync(result);
            _consumer.Commit(result);
        }
    });
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }
    }
}
