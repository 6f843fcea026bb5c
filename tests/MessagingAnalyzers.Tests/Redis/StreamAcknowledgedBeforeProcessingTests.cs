using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Redis.StreamAcknowledgedBeforeProcessingAnalyzer>;

namespace MessagingAnalyzers.Tests.Redis
{
    public class StreamAcknowledgedBeforeProcessingTests
    {
        [Fact]
        public async Task AckBeforeProcessing_IsFlagged()
        {
            var source = RedisSources.InService(@"
    public void Handle()
    {
        var entries = _db.StreamReadGroup(""orders"", ""billing"", ""w1"", "">"", 10);
        foreach (var entry in entries)
        {
            {|#0:_db.StreamAcknowledge(""orders"", ""billing"", entry.Id)|};
            Process(entry.Values[0].Value);
        }
    }

    public async Task<StreamEntry[]> ReadAsync()
    {
        var batch = await _db.StreamReadGroupAsync(""orders"", ""billing"", ""w1"", "">"", 10);
        await {|#1:_db.StreamAcknowledgeAsync(""orders"", ""billing"", batch.Select(e => e.Id).ToArray())|};
        return batch;
    }");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("_db.StreamAcknowledge", "entries"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("_db.StreamAcknowledgeAsync", "batch"));
        }

        [Fact]
        public async Task IdsCollectedFromTheEntries_ThenAcknowledged_AreFlagged()
        {
            var source = RedisSources.InService(@"
    public async Task<StreamEntry[]> ReadArrayAsync()
    {
        var entries = await _db.StreamReadGroupAsync(""orders"", ""billing"", ""w1"", "">"", 10);
        var ids = new RedisValue[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            ids[i] = entries[i].Id;
        }

        await {|#0:_db.StreamAcknowledgeAsync(""orders"", ""billing"", ids)|};
        return entries;
    }

    public void HandleList()
    {
        var read = _db.StreamReadGroup(""orders"", ""billing"", ""w1"", "">"", 10);
        var ids = new List<RedisValue>();
        foreach (var entry in read)
        {
            ids.Add(entry.Id);
        }

        {|#1:_db.StreamAcknowledge(""orders"", ""billing"", ids.ToArray())|};
        foreach (var entry in read)
        {
            Process(entry.Values[0].Value);
        }
    }");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("_db.StreamAcknowledgeAsync", "entries"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("_db.StreamAcknowledge", "read"));
        }

        [Fact]
        public async Task AckAfterProcessing_ThenLoggingOrCounting_IsNotFlagged()
        {
            var source = RedisSources.InService(@"
    public async Task<int> HandleAsync()
    {
        var entries = await _db.StreamReadGroupAsync(""orders"", ""billing"", ""w1"", "">"", 10);
        var ids = entries.Select(e => e.Id).ToArray();
        foreach (var entry in entries)
        {
            Process(entry.Values[0].Value);
        }

        await _db.StreamAcknowledgeAsync(""orders"", ""billing"", ids);
        Console.WriteLine($""acknowledged {entries.Length} entries, first {entries[0].Id}"");
        return entries.Length;
    }");
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task AckAfterProcessing_IsNotFlagged()
        {
            var source = RedisSources.InService(@"
    public void Handle()
    {
        var entries = _db.StreamReadGroup(""orders"", ""billing"", ""w1"", "">"", 10);
        foreach (var entry in entries)
        {
            Process(entry.Values[0].Value);
            _db.StreamAcknowledge(""orders"", ""billing"", entry.Id);
        }
    }");
            await VerifyAnalyzer.AnalyzerAsync(source);
        }
    }
}
