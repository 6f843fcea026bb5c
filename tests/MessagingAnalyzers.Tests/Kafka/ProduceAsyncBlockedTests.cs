using System.Threading.Tasks;
using MessagingAnalyzers.Kafka;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.ProduceAsyncBlockedAnalyzer>;

namespace MessagingAnalyzers.Tests.Kafka
{
    public class ProduceAsyncBlockedTests
    {
        private const string Usings = @"
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
";

        [Fact]
        public async Task Result_IsFlagged()
        {
            var source = Usings + @"
class Sender
{
    private readonly IProducer<string, string> _producer;
    public Sender(IProducer<string, string> producer) => _producer = producer;

    public long Send(string id)
    {
        var result = {|#0:_producer.ProduceAsync(""orders"", new Message<string, string> { Key = id, Value = id })|}.Result;
        return result.Offset.Value;
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments(".Result", "_producer.ProduceAsync"));
        }
    }
}
