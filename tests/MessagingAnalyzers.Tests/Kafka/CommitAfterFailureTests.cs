using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.CommitAfterFailureAnalyzer>;

namespace MessagingAnalyzers.Tests.Kafka
{
    public class CommitAfterFailureTests
    {
        private static string Loop(string body) => KafkaSources.Usings + @"
class Worker
{
    private readonly IConsumer<string, string> _consumer;
    private readonly IProducer<string, string> _dlq;
    public Worker(IConsumer<string, string> consumer, IProducer<string, string> dlq) { _consumer = consumer; _dlq = dlq; }
    private void Handle(ConsumeResult<string, string> r) { }

    public void Run(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var result = _consumer.Consume(ct);
" + body + @"
        }
    }
}";

        [Fact]
        public async Task CommitInFinally_OrInASwallowingCatch_IsFlagged()
        {
            var source = Loop(@"
            try
            {
                Handle(result);
            }
            catch (Exception)
            {
                {|#0:_consumer.StoreOffset(result)|};
            }
            finally
            {
                {|#1:_consumer.Commit(result)|};
            }");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("_consumer.StoreOffset", "in a catch block that does not dead-letter the message"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("_consumer.Commit", "in a finally block"));
        }

        [Fact]
        public async Task SuccessPath_DeadLetterFirst_AndShutdown_AreNotFlagged()
        {
            var source = Loop(@"
            try
            {
                Handle(result);
                _consumer.Commit(result);
            }
            catch (OperationCanceledException)
            {
                _consumer.Commit(result);
                throw;
            }
            catch (Exception e)
            {
                _dlq.Produce(""orders.dlq"", new Message<string, string> { Key = result.Message.Key, Value = e.Message }, r => { });
                _consumer.StoreOffset(result);
            }");
            await VerifyAnalyzer.AnalyzerAsync(source);
        }
    }
}
