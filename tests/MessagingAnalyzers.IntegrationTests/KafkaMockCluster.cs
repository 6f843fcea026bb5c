using System;
using System.Linq;
using Confluent.Kafka;

namespace MessagingAnalyzers.IntegrationTests
{
    /// <summary>
    /// librdkafka's built-in mock cluster (<c>test.mock.num.brokers</c>): a real Kafka protocol endpoint in-process,
    /// owned by a producer. Other clients connect to it through the bootstrap servers read from its metadata.
    /// </summary>
    public sealed class KafkaMockCluster : IDisposable
    {
        public KafkaMockCluster(string? linger = null)
        {
            var config = new ProducerConfig { BootstrapServers = "localhost:1", Acks = Acks.All, EnableIdempotence = true };
            config.Set("test.mock.num.brokers", "1");
            if (linger is not null)
            {
                config.LingerMs = double.Parse(linger, System.Globalization.CultureInfo.InvariantCulture);
            }

            Producer = new ProducerBuilder<string, string>(config).Build();
            using var admin = new DependentAdminClientBuilder(Producer.Handle).Build();
            var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
            BootstrapServers = string.Join(",", metadata.Brokers.Select(b => $"{b.Host}:{b.Port}"));
        }

        /// <summary>The producer that owns the cluster (the cluster lives as long as it does).</summary>
        public IProducer<string, string> Producer { get; }

        public string BootstrapServers { get; }

        /// <summary>
        /// Creates topics up front (the mock cluster creates a topic on its first message), so that consumers can
        /// subscribe before anything else is produced. Each topic starts with one message keyed "warmup".
        /// </summary>
        public void CreateTopics(params string[] topics)
        {
            foreach (var topic in topics)
            {
                Producer.Produce(topic, new Message<string, string> { Key = "warmup", Value = "warmup" });
            }

            Producer.Flush(TimeSpan.FromSeconds(10));
        }

        public IProducer<string, string> NewProducer(double lingerMs = 5) =>
            new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = BootstrapServers, LingerMs = lingerMs, Acks = Acks.All }).Build();

        public IConsumer<string, string> NewConsumer(string group) =>
            new ConsumerBuilder<string, string>(new ConsumerConfig
            {
                BootstrapServers = BootstrapServers,
                GroupId = group,
                AutoOffsetReset = AutoOffsetReset.Earliest,
                EnableAutoCommit = false,
            }).Build();

        public void Dispose()
        {
            Producer.Flush(TimeSpan.FromSeconds(5));
            Producer.Dispose();
        }
    }
}
