using System.Globalization;
using Confluent.Kafka;
using StackExchange.Redis;

namespace ReferenceApp;

/// <summary>
/// One long-lived client of each kind. With <c>Kafka:Mock=true</c> the producer starts librdkafka's in-process mock
/// cluster (the real Kafka protocol, for demos and tests) and the consumer connects to it.
/// </summary>
public static class Messaging
{
    public static IServiceCollection AddMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IProducer<string, string>>(_ =>
        {
            var config = new ProducerConfig
            {
                BootstrapServers = configuration["Kafka:BootstrapServers"] ?? "localhost:9092",
                Acks = Acks.All,
                EnableIdempotence = true,
            };
            if (string.Equals(configuration["Kafka:Mock"], "true", StringComparison.OrdinalIgnoreCase))
            {
                config.Set("test.mock.num.brokers", "1");
            }

            return new ProducerBuilder<string, string>(config).Build();
        });

        services.AddSingleton<IConsumer<string, string>>(provider =>
        {
            var config = new ConsumerConfig
            {
                BootstrapServers = BootstrapServers(provider, configuration),
                GroupId = "order-status-projection",
                AutoOffsetReset = AutoOffsetReset.Earliest,
                EnableAutoOffsetStore = false,
            };
            return new ConsumerBuilder<string, string>(config).Build();
        });

        services.AddSingleton<IConnectionMultiplexer>(_ =>
            ConnectionMultiplexer.Connect(configuration["Redis:Configuration"] ?? "127.0.0.1:6399,abortConnect=false"));
        services.AddSingleton<OrderEvents>();
        services.AddSingleton<OrderStatusStore>();
        services.AddHostedService<OrderStatusProjection>();
        return services;
    }

    /// <summary>The configured brokers, or the address of the mock cluster that the producer started.</summary>
    private static string BootstrapServers(IServiceProvider provider, IConfiguration configuration)
    {
        if (!string.Equals(configuration["Kafka:Mock"], "true", StringComparison.OrdinalIgnoreCase))
        {
            return configuration["Kafka:BootstrapServers"] ?? "localhost:9092";
        }

        var producer = provider.GetRequiredService<IProducer<string, string>>();
        using var admin = new DependentAdminClientBuilder(producer.Handle).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
        return string.Join(",", metadata.Brokers.Select(b => b.Host + ":" + b.Port.ToString(CultureInfo.InvariantCulture)));
    }
}
