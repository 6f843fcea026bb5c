using Confluent.Kafka;
using StackExchange.Redis;

namespace FixAll;

public static class Registration
{
    public static void AddMessaging(IServiceCollection services, string bootstrapServers)
    {
        services.AddScoped<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect("localhost:6379"));
        services.AddSingleton(_ => new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrapServers, Acks = Acks.All }).Build());
    }
}
