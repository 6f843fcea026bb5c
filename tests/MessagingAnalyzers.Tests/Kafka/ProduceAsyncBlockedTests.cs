using System.Threading.Tasks;
using MessagingAnalyzers.CodeFixes.Kafka;
using MessagingAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.ProduceAsyncBlockedAnalyzer>;
using VerifyFix = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.ProduceAsyncBlockedAnalyzer, MessagingAnalyzers.CodeFixes.Kafka.ProduceAsyncBlockedCodeFix>;

namespace MessagingAnalyzers.Tests.Kafka
{
    public class ProduceAsyncBlockedTests
    {
        private const string Usings = @"using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
";

        private static string InSender(string members) => Usings + @"
class Sender
{
    private readonly IProducer<string, string> _producer;
    public Sender(IProducer<string, string> producer) => _producer = producer;
" + members + @"
}";

        [Fact]
        public async Task Result_IsFlagged()
        {
            var source = InSender(@"
    public long Send(string id)
    {
        var result = {|#0:_producer.ProduceAsync(""orders"", new Message<string, string> { Key = id, Value = id })|}.Result;
        return result.Offset.Value;
    }");
            await VerifyAnalyzer.AnalyzerAsync(source, VerifyAnalyzer.Diagnostic(0).WithArguments(".Result", "_producer.ProduceAsync"));
        }

        [Fact]
        public async Task Wait_IsFlagged()
        {
            var source = InSender(@"
    public void Send(string id)
    {
        {|#0:_producer.ProduceAsync(""orders"", new Message<string, string> { Value = id })|}.Wait();
    }");
            await VerifyAnalyzer.AnalyzerAsync(source, VerifyAnalyzer.Diagnostic(0).WithArguments(".Wait()", "_producer.ProduceAsync"));
        }

        [Fact]
        public async Task GetAwaiterGetResult_WithConfigureAwait_IsFlagged()
        {
            var source = InSender(@"
    public Partition Send(string id)
    {
        return {|#0:_producer.ProduceAsync(""orders"", new Message<string, string> { Value = id })|}.ConfigureAwait(false).GetAwaiter().GetResult().Partition;
    }");
            await VerifyAnalyzer.AnalyzerAsync(source, VerifyAnalyzer.Diagnostic(0).WithArguments(".GetAwaiter().GetResult()", "_producer.ProduceAsync"));
        }

        [Fact]
        public async Task TaskStoredInLocal_ThenResult_IsFlagged()
        {
            var source = InSender(@"
    public long Send(string id)
    {
        var task = {|#0:_producer.ProduceAsync(""orders"", new Message<string, string> { Value = id })|};
        Console.WriteLine(""sent"");
        return task.Result.Offset.Value;
    }");
            await VerifyAnalyzer.AnalyzerAsync(source, VerifyAnalyzer.Diagnostic(0).WithArguments(".Result", "_producer.ProduceAsync"));
        }

        [Fact]
        public async Task TaskWaitAll_OnLocalsAndLists_IsFlagged()
        {
            var source = InSender(@"
    public void SendTwo(string a, string b)
    {
        var first = {|#0:_producer.ProduceAsync(""orders"", new Message<string, string> { Value = a })|};
        var second = {|#1:_producer.ProduceAsync(""orders"", new Message<string, string> { Value = b })|};
        Task.WaitAll(first, second);
    }

    public void SendMany(IEnumerable<string> values)
    {
        var tasks = new List<Task<DeliveryResult<string, string>>>();
        foreach (var value in values)
        {
            tasks.Add({|#2:_producer.ProduceAsync(""orders"", new Message<string, string> { Value = value })|});
        }

        Task.WaitAll(tasks.ToArray());
    }");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("Task.WaitAll", "_producer.ProduceAsync"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("Task.WaitAll", "_producer.ProduceAsync"),
                VerifyAnalyzer.Diagnostic(2).WithArguments("Task.WaitAll", "_producer.ProduceAsync"));
        }

        [Fact]
        public async Task TaskWaitAll_OnALinqProjection_IsFlagged()
        {
            var source = InSender(@"
    public void SendAll(IEnumerable<string> values)
    {
        var tasks = values.Select(v => {|#0:_producer.ProduceAsync(""orders"", new Message<string, string> { Value = v })|}).ToArray();
        Task.WaitAll(tasks);
    }

    public void SendList(IEnumerable<string> values)
    {
        Task.WhenAll(values.Select(v => {|#1:_producer.ProduceAsync(""orders"", new Message<string, string> { Value = v })|})).Wait();
    }

    public long SendSelected(IEnumerable<string> values) =>
        values.Select(v => {|#2:_producer.ProduceAsync(""orders"", new Message<string, string> { Value = v })|}.Result.Offset.Value).Sum();

    // Not blocking: the projection is awaited; a Select that is not LINQ's; a lambda that is not a projection.
    public async Task<long> SendAwaited(IEnumerable<string> values)
    {
        var tasks = values.Select(v => _producer.ProduceAsync(""orders"", new Message<string, string> { Value = v })).ToList();
        await Task.WhenAll(tasks);
        return tasks.Sum(t => t.Result.Offset.Value);
    }

    public void SendLater(IEnumerable<string> values, Action<Func<string, Task>> schedule) =>
        schedule(v => _producer.ProduceAsync(""orders"", new Message<string, string> { Value = v }));");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("Task.WaitAll", "_producer.ProduceAsync"),
                VerifyAnalyzer.Diagnostic(1).WithArguments(".Wait()", "_producer.ProduceAsync"),
                VerifyAnalyzer.Diagnostic(2).WithArguments(".Result", "_producer.ProduceAsync"));
        }

        [Fact]
        public async Task TaskRunResult_And_WhenAllWait_AreFlagged()
        {
            var source = InSender(@"
    public DeliveryResult<string, string> SendViaTaskRun(string id)
    {
        return Task.Run(() => {|#0:_producer.ProduceAsync(""orders"", new Message<string, string> { Value = id })|}).Result;
    }

    public DeliveryResult<string, string> SendViaAsyncLambda(string id)
    {
        return Task.Run(async () => await {|#1:_producer.ProduceAsync(""orders"", new Message<string, string> { Value = id })|}).Result;
    }

    public void SendBoth(string id)
    {
        Task.WhenAll({|#2:_producer.ProduceAsync(""a"", new Message<string, string> { Value = id })|}, {|#3:_producer.ProduceAsync(""b"", new Message<string, string> { Value = id })|}).Wait();
    }");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments(".Result", "_producer.ProduceAsync"),
                VerifyAnalyzer.Diagnostic(1).WithArguments(".Result", "_producer.ProduceAsync"),
                VerifyAnalyzer.Diagnostic(2).WithArguments(".Wait()", "_producer.ProduceAsync"),
                VerifyAnalyzer.Diagnostic(3).WithArguments(".Wait()", "_producer.ProduceAsync"));
        }

        [Fact]
        public async Task ProducerImplementation_IsFlagged()
        {
            var source = Usings + @"
abstract class TracingProducer : IProducer<Null, string>
{
    public abstract Task<DeliveryResult<Null, string>> ProduceAsync(string topic, Message<Null, string> message, CancellationToken cancellationToken = default);
    public abstract Task<DeliveryResult<Null, string>> ProduceAsync(TopicPartition topicPartition, Message<Null, string> message, CancellationToken cancellationToken = default);
    public abstract void Produce(string topic, Message<Null, string> message, Action<DeliveryReport<Null, string>> deliveryHandler = null);
    public abstract void Produce(TopicPartition topicPartition, Message<Null, string> message, Action<DeliveryReport<Null, string>> deliveryHandler = null);
    public abstract int Poll(TimeSpan timeout);
    public abstract int Flush(TimeSpan timeout);
    public abstract void Flush(CancellationToken cancellationToken = default);
    public abstract void InitTransactions(TimeSpan timeout);
    public abstract void BeginTransaction();
    public abstract void CommitTransaction(TimeSpan timeout);
    public abstract void CommitTransaction();
    public abstract void AbortTransaction(TimeSpan timeout);
    public abstract void AbortTransaction();
    public abstract void SendOffsetsToTransaction(IEnumerable<TopicPartitionOffset> offsets, IConsumerGroupMetadata groupMetadata, TimeSpan timeout);
    public abstract Handle Handle { get; }
    public abstract string Name { get; }
    public abstract int AddBrokers(string brokers);
    public abstract void Dispose();
}

class User
{
    void Send(TracingProducer producer) => {|#0:producer.ProduceAsync(""t"", new Message<Null, string> { Value = ""v"" })|}.Wait();
}";
            // The interface differs across client versions; only check where this stub compiles.
            await VerifyAnalyzer.AnalyzerAsync(source,
                new VerifyOptions { ClientSets = new[] { ClientSet.All[0] } },
                VerifyAnalyzer.Diagnostic(0).WithArguments(".Wait()", "producer.ProduceAsync"));
        }

        [Fact]
        public async Task AwaitedTasks_AreNotFlagged()
        {
            var source = InSender(@"
    public async Task<long> SendAsync(string id)
    {
        var result = await _producer.ProduceAsync(""orders"", new Message<string, string> { Value = id });
        return result.Offset.Value;
    }

    public async Task<long> AwaitThenResultAsync(string id)
    {
        var task = _producer.ProduceAsync(""orders"", new Message<string, string> { Value = id });
        await task;
        return task.Result.Offset.Value;
    }

    public async Task<long> WhenAllThenResultAsync(string id)
    {
        var a = _producer.ProduceAsync(""a"", new Message<string, string> { Value = id });
        var b = _producer.ProduceAsync(""b"", new Message<string, string> { Value = id });
        await Task.WhenAll(a, b).ConfigureAwait(false);
        return a.Result.Offset.Value + b.Result.Offset.Value;
    }

    public long CompletedCheck(string id)
    {
        var task = _producer.ProduceAsync(""orders"", new Message<string, string> { Value = id });
        if (task.IsCompleted)
        {
            return task.Result.Offset.Value;
        }

        return -1;
    }

    public Task<DeliveryResult<string, string>> ReturnTask(string id) =>
        _producer.ProduceAsync(""orders"", new Message<string, string> { Value = id });

    public async Task ManyAsync(IEnumerable<string> values)
    {
        var tasks = values.Select(v => _producer.ProduceAsync(""orders"", new Message<string, string> { Value = v })).ToList();
        await Task.WhenAll(tasks);
    }");
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task OtherProduceAsyncMethods_AreNotFlagged()
        {
            var source = Usings + @"
class MyBus
{
    public Task<int> ProduceAsync(string topic, string value) => Task.FromResult(1);
}

class User
{
    int Send(MyBus bus) => bus.ProduceAsync(""t"", ""v"").Result;
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task Fix_InAsyncMethod_Awaits()
        {
            var source = InSender(@"
    public async Task<long> SendAsync(string id)
    {
        var result = {|#0:_producer.ProduceAsync(""orders"", new Message<string, string> { Value = id })|}.Result;
        {|#1:_producer.ProduceAsync(""audit"", new Message<string, string> { Value = id })|}.GetAwaiter().GetResult();
        await Task.Yield();
        return result.Offset.Value;
    }

    public async Task SendTwoAsync(string a)
    {
        var first = {|#2:_producer.ProduceAsync(""orders"", new Message<string, string> { Value = a })|};
        var second = {|#3:_producer.ProduceAsync(""orders"", new Message<string, string> { Value = a })|};
        Task.WaitAll(first, second);
        Console.WriteLine({|#4:_producer.ProduceAsync(""orders"", new Message<string, string> { Value = a })|}.Result.Offset);
    }");
            var fixedSource = InSender(@"
    public async Task<long> SendAsync(string id)
    {
        var result = await _producer.ProduceAsync(""orders"", new Message<string, string> { Value = id });
        await _producer.ProduceAsync(""audit"", new Message<string, string> { Value = id });
        await Task.Yield();
        return result.Offset.Value;
    }

    public async Task SendTwoAsync(string a)
    {
        var first = _producer.ProduceAsync(""orders"", new Message<string, string> { Value = a });
        var second = _producer.ProduceAsync(""orders"", new Message<string, string> { Value = a });
        await Task.WhenAll(first, second);
        Console.WriteLine((await _producer.ProduceAsync(""orders"", new Message<string, string> { Value = a })).Offset);
    }");
            await VerifyFix.CodeFixAsync(source, fixedSource, new VerifyOptions { EquivalenceKey = ProduceAsyncBlockedCodeFix.EquivalenceKey },
                VerifyFix.Diagnostic(0).WithArguments(".Result", "_producer.ProduceAsync"),
                VerifyFix.Diagnostic(1).WithArguments(".GetAwaiter().GetResult()", "_producer.ProduceAsync"),
                VerifyFix.Diagnostic(2).WithArguments("Task.WaitAll", "_producer.ProduceAsync"),
                VerifyFix.Diagnostic(3).WithArguments("Task.WaitAll", "_producer.ProduceAsync"),
                VerifyFix.Diagnostic(4).WithArguments(".Result", "_producer.ProduceAsync"));
        }

        [Fact]
        public async Task Fix_InSyncMethod_UsesProduceWithDeliveryHandler()
        {
            var source = InSender(@"
    public void Send(string id, CancellationToken ct)
    {
        {|#0:_producer.ProduceAsync(""orders"", new Message<string, string> { Value = id }, ct)|}.Wait();
        _ = {|#1:_producer.ProduceAsync(""audit"", new Message<string, string> { Value = id })|}.ConfigureAwait(false).GetAwaiter().GetResult();
    }");
            var fixedSource = InSender(@"
    public void Send(string id, CancellationToken ct)
    {
        _producer.Produce(""orders"", new Message<string, string> { Value = id }, report =>
        {
            if (report.Error.IsError)
            {
                System.Diagnostics.Trace.TraceError($""Kafka delivery to {report.TopicPartition} failed: {report.Error.Reason}"");
            }
        });
        _producer.Produce(""audit"", new Message<string, string> { Value = id }, report =>
        {
            if (report.Error.IsError)
            {
                System.Diagnostics.Trace.TraceError($""Kafka delivery to {report.TopicPartition} failed: {report.Error.Reason}"");
            }
        });
    }");
            await VerifyFix.CodeFixAsync(source, fixedSource, new VerifyOptions { EquivalenceKey = ProduceAsyncBlockedCodeFix.EquivalenceKey },
                VerifyFix.Diagnostic(0).WithArguments(".Wait()", "_producer.ProduceAsync"),
                VerifyFix.Diagnostic(1).WithArguments(".GetAwaiter().GetResult()", "_producer.ProduceAsync"));
        }

        [Fact]
        public async Task Fix_InAVoidExpressionBodiedMethod_UsesProduceWithDeliveryHandler()
        {
            var source = InSender(@"
    public void Send(string id) => {|#0:_producer.ProduceAsync(""orders"", new Message<string, string> { Value = id })|}.GetAwaiter().GetResult();");
            var fixedSource = InSender(@"
    public void Send(string id) => _producer.Produce(""orders"", new Message<string, string> { Value = id }, report =>
    {
        if (report.Error.IsError)
        {
            System.Diagnostics.Trace.TraceError($""Kafka delivery to {report.TopicPartition} failed: {report.Error.Reason}"");
        }
    });");
            await VerifyFix.CodeFixAsync(source, fixedSource,
                VerifyFix.Diagnostic(0).WithArguments(".GetAwaiter().GetResult()", "_producer.ProduceAsync"));
        }

        [Fact]
        public async Task AResultUsedInSynchronousCode_SaysItHasNoFix_AndFixAllFixesTheRest()
        {
            // The first occurrence has no mechanical fix (its offset is returned by a synchronous method): it says so in
            // its properties, and Fix All (which starts from it in dotnet format) still fixes the second one.
            var source = InSender(@"
    public long SendAndGetOffset(string id) => {|#0:_producer.ProduceAsync(""orders"", new Message<string, string> { Value = id })|}.Result.Offset.Value;

    public void Send(string id)
    {
        {|#1:_producer.ProduceAsync(""orders"", new Message<string, string> { Value = id })|}.Wait();
    }");
            var fixedSource = InSender(@"
    public long SendAndGetOffset(string id) => {|#0:_producer.ProduceAsync(""orders"", new Message<string, string> { Value = id })|}.Result.Offset.Value;

    public void Send(string id)
    {
        _producer.Produce(""orders"", new Message<string, string> { Value = id }, report =>
        {
            if (report.Error.IsError)
            {
                System.Diagnostics.Trace.TraceError($""Kafka delivery to {report.TopicPartition} failed: {report.Error.Reason}"");
            }
        });
    }");
            await VerifyFix.CodeFixAsync(source, fixedSource,
                new VerifyOptions { Remaining = new[] { VerifyFix.Diagnostic(0).WithArguments(".Result", "_producer.ProduceAsync") } },
                VerifyFix.Diagnostic(0).WithArguments(".Result", "_producer.ProduceAsync"),
                VerifyFix.Diagnostic(1).WithArguments(".Wait()", "_producer.ProduceAsync"));

            var analysis = await DiagnosticsOf(source.Replace("{|#0:", string.Empty).Replace("{|#1:", string.Empty).Replace("|}", string.Empty));
            Assert.Contains(analysis, d => d.Properties.ContainsKey(MessagingAnalyzers.Kafka.ProduceAsyncBlockedAnalyzer.NoFixProperty));
            Assert.Contains(analysis, d => !d.Properties.ContainsKey(MessagingAnalyzers.Kafka.ProduceAsyncBlockedAnalyzer.NoFixProperty));
        }

        [Fact]
        public async Task SyncFix_IsNotOffered_ForAProducerTheMethodDisposes()
        {
            // The blocking call is what delivers the message before the disposal: Produce would leave it queued.
            var source = KafkaSources.Usings + @"
class Tool
{
    public void SendOnce(ProducerConfig config, string line)
    {
        using var producer = new ProducerBuilder<Null, string>(config).Build();
        {|#0:producer.ProduceAsync(""lines"", new Message<Null, string> { Value = line })|}.Wait();
    }
}";
            await VerifyFix.CodeFixAsync(source, source, VerifyFix.Diagnostic(0).WithArguments(".Wait()", "producer.ProduceAsync"));
        }

        [Fact]
        public async Task FixAll_FixesAsyncAndSyncCallsEachTheirWay()
        {
            var source = InSender(@"
    public void Send(string id)
    {
        {|#0:_producer.ProduceAsync(""orders"", new Message<string, string> { Value = id })|}.Wait();
    }

    public async Task<long> SendAsync(string id)
    {
        var result = {|#1:_producer.ProduceAsync(""orders"", new Message<string, string> { Value = id })|}.Result;
        await Task.Yield();
        return result.Offset.Value;
    }");
            var fixedSource = InSender(@"
    public void Send(string id)
    {
        _producer.Produce(""orders"", new Message<string, string> { Value = id }, report =>
        {
            if (report.Error.IsError)
            {
                System.Diagnostics.Trace.TraceError($""Kafka delivery to {report.TopicPartition} failed: {report.Error.Reason}"");
            }
        });
    }

    public async Task<long> SendAsync(string id)
    {
        var result = await _producer.ProduceAsync(""orders"", new Message<string, string> { Value = id });
        await Task.Yield();
        return result.Offset.Value;
    }");
            await VerifyFix.CodeFixAsync(source, fixedSource,
                VerifyFix.Diagnostic(0).WithArguments(".Wait()", "_producer.ProduceAsync"),
                VerifyFix.Diagnostic(1).WithArguments(".Result", "_producer.ProduceAsync"));
        }

        [Fact]
        public async Task Fix_IsNotOffered_WhenTheResultIsUsedInSyncCode()
        {
            var source = InSender(@"
    public long Send(string id)
    {
        return {|#0:_producer.ProduceAsync(""orders"", new Message<string, string> { Value = id })|}.Result.Offset.Value;
    }");
            await VerifyFix.CodeFixAsync(source, source, VerifyFix.Diagnostic(0).WithArguments(".Result", "_producer.ProduceAsync"));
        }

        private static async Task<System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Diagnostic>> DiagnosticsOf(string source)
        {
            var compilation = MessagingAnalyzers.Tests.Reliability.FuzzSources.Compilation(ClientSet.All[0], "NoFix", new[] { ("Sender.cs", source) });
            var analyzers = System.Collections.Immutable.ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(new MessagingAnalyzers.Kafka.ProduceAsyncBlockedAnalyzer());
            return await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();
        }
    }
}
