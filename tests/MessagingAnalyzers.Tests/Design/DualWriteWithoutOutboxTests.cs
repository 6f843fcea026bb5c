using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Design.DualWriteWithoutOutboxAnalyzer>;

namespace MessagingAnalyzers.Tests.Design
{
    public class DualWriteWithoutOutboxTests
    {
        private const string Prelude = @"using System;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using StackExchange.Redis;

namespace Microsoft.EntityFrameworkCore
{
    public class DbContext
    {
        public int SaveChanges() => 0;
        public Task<int> SaveChangesAsync(CancellationToken cancellationToken = default) => Task.FromResult(0);
    }
}

public sealed class ShopContext : Microsoft.EntityFrameworkCore.DbContext { }
";

        [Fact]
        public async Task DualWrites_AreFlagged()
        {
            var source = Prelude + @"
public class Orders
{
    private readonly ShopContext _db = new();
    private readonly IProducer<string, string> _producer = null!;
    private readonly IDatabase _redis = null!;
    private readonly ISubscriber _bus = null!;

    public async Task PlaceAsync(string id)
    {
        await _db.SaveChangesAsync();
        await {|#0:_producer.ProduceAsync(""orders"", new Message<string, string> { Key = id, Value = id })|};
    }

    public async Task CacheAndProduceAsync(string id)
    {
        await {|#1:_producer.ProduceAsync(""orders"", new Message<string, string> { Key = id, Value = id })|};
        await _redis.StringSetAsync(""order:"" + id, ""placed"");
    }

    public async Task SqlThenPublishAsync(DbCommand command)
    {
        await command.ExecuteNonQueryAsync();
        await {|#2:_bus.PublishAsync(RedisChannel.Literal(""orders""), ""placed"")|};
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("PlaceAsync", "_producer.ProduceAsync", "_db.SaveChangesAsync"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("CacheAndProduceAsync", "_producer.ProduceAsync", "_redis.StringSetAsync"),
                VerifyAnalyzer.Diagnostic(2).WithArguments("SqlThenPublishAsync", "_bus.PublishAsync", "command.ExecuteNonQueryAsync"));
        }

        [Fact]
        public async Task OutboxRelays_Transactions_AndWakeUps_AreNotFlagged()
        {
            var source = Prelude + @"
public class OutboxRelay
{
    private readonly ShopContext _db = new();
    private readonly IProducer<string, string> _producer = null!;

    public async Task RelayAsync(string id)
    {
        await _producer.ProduceAsync(""orders"", new Message<string, string> { Key = id, Value = id });
        await _db.SaveChangesAsync();
    }
}

public class Orders
{
    private readonly IProducer<string, string> _producer = null!;
    private readonly IDatabase _redis = null!;
    private readonly ISubscriber _bus = null!;

    public async Task PlaceAsync(DbConnection connection, DbCommand command, string id)
    {
        using var transaction = connection.BeginTransaction();
        await command.ExecuteNonQueryAsync();
        await _producer.ProduceAsync(""orders"", new Message<string, string> { Key = id, Value = id });
        transaction.Commit();
    }

    public async Task EnqueueAsync(string json)
    {
        await _redis.ListLeftPushAsync(""jobs"", json);
        await _bus.PublishAsync(RedisChannel.Literal(""jobs""), ""1"");
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }
    }
}
