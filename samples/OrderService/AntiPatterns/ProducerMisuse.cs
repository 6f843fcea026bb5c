using Confluent.Kafka;
using StackExchange.Redis;

namespace OrderService.AntiPatterns;

/// <summary>Producer misuse the Kafka rules catch (MSG1004, MSG2002, MSG2003, MSG2005, MSG2009, MSG2010).</summary>
public static class ProducerMisuse
{
    // MSG1004: a scoped multiplexer is a new connection per request.
    public static void Register(IServiceCollection services) =>
        services.AddScoped<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect("localhost:6379"));

    // MSG2009: acks=1 loses acknowledged messages when the leader fails.
    public static ProducerConfig FastConfig() => new() { BootstrapServers = "localhost:9092", Acks = Acks.Leader };

    // MSG2002: one broker round trip per order.
    public static async Task SendAllAsync(IProducer<string, string> producer, IEnumerable<OrderPlaced> orders)
    {
        foreach (var order in orders)
        {
            await producer.ProduceAsync(Topics.Orders, new Message<string, string> { Key = order.OrderId.ToString(), Value = order.CustomerId });
        }
    }

    // MSG2010 and MSG2003: no delivery handler, and a Flush per message.
    public static void SendEach(IProducer<string, string> producer, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            producer.Produce("lines", new Message<string, string> { Value = line });
            producer.Flush(TimeSpan.FromSeconds(5));
        }
    }

    // MSG2005: the producer is disposed with messages still queued.
    public static void Export(ProducerConfig config, IEnumerable<string> lines)
    {
        using var producer = new ProducerBuilder<Null, string>(config).Build();
        foreach (var line in lines)
        {
            producer.Produce("export", new Message<Null, string> { Value = line }, report => Console.WriteLine(report.Error.Reason));
        }
    }
}
