using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Redis.DestructivePopQueueAnalyzer>;

namespace MessagingAnalyzers.Tests.Redis
{
    public class DestructivePopQueueTests
    {
        [Fact]
        public async Task PopsUsedAsAWorkQueue_AreFlagged()
        {
            var source = RedisSources.InService(@"
    public async Task WorkAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var job = await {|#0:_db.ListRightPopAsync(""jobs"")|};
            if (job.IsNull) { await Task.Delay(100, ct); continue; }
            Process(job);
        }
    }

    public void Drain()
    {
        for (;;) { HandleNext(); }
    }

    private void HandleNext() => Process({|#1:_db.ListLeftPop(""emails"")|});");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("_db.ListRightPopAsync"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("_db.ListLeftPop"));
        }

        [Fact]
        public async Task SinglePops_AndReliableMoves_AreNotFlagged()
        {
            var source = RedisSources.InService(@"
    public RedisValue LastVisited(string user) => _db.ListLeftPop($""recent:{user}"");

    public void Work(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var job = _db.ListRightPopLeftPush(""jobs"", ""jobs:processing"");
            Process(job);
            _db.ListRemove(""jobs:processing"", job);
        }
    }");
            await VerifyAnalyzer.AnalyzerAsync(source);
        }
    }
}
