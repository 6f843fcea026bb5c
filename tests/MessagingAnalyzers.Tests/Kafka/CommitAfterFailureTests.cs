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

        [Fact]
        public async Task CommitAfterHandingTheMessageToARetryHelper_IsNotFlagged()
        {
            // The catch gives the failed record to the application's router (a retry topic behind it), then commits.
            var source = Loop("""
            try
            {
                Handle(result);
                _consumer.Commit(result);
            }
            catch (Exception)
            {
                Router.Send(result);
                _consumer.Commit(result);
            }

            try
            {
                Handle(result);
            }
            catch (InvalidOperationException e)
            {
                ScheduleRetry(result.Message.Value, e.Message);
                _consumer.Commit(result);
            }
""")
                .Replace("class Worker", "static class Router { public static void Send(ConsumeResult<string, string> failed) { } }\nclass Worker")
                .Replace("    public void Run(", "    private static void ScheduleRetry(string value, string reason) { }\n    public void Run(");
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task CommitAfterOnlyLoggingTheRecord_IsStillFlagged()
        {
            var source = Loop("""
            try
            {
                Handle(result);
            }
            catch (Exception e)
            {
                Console.WriteLine($"{result.Message.Key}: {e.Message}");
                {|#0:_consumer.Commit(result)|};
            }
""");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("_consumer.Commit", "in a catch block that does not dead-letter the message"));
        }
    }
}
