using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;

namespace Shop.Rpc
{
    public sealed class PricingClient : IDisposable
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _pending = new();
        private readonly IProducer<Null, string> _producer = new ProducerBuilder<Null, string>(new ProducerConfig
        {
            BootstrapServers = "kafka:9092",
            Acks = Acks.Leader,
            EnableIdempotence = false,
            SaslPassword = "hunter2",
            SecurityProtocol = SecurityProtocol.SaslPlaintext,
            SaslMechanism = SaslMechanism.Plain,
            MessageMaxBytes = 10_000_000,
        }).Build();

        public async Task<string> QuoteAsync(string sku)
        {
            var id = Guid.NewGuid().ToString();
            var tcs = new TaskCompletionSource<string>();
            _pending[id] = tcs;
            _producer.Produce("quote-requests", new Message<Null, string> { Value = sku });
            using var consumer = new ConsumerBuilder<Null, string>(new ConsumerConfig { BootstrapServers = "kafka:9092", GroupId = Guid.NewGuid().ToString() }).Build();
            consumer.Subscribe("quote-replies");
            var reply = consumer.Consume(TimeSpan.FromSeconds(5));
            consumer.StoreOffset(reply);
            return await tcs.Task;
        }

        public async Task SendManyAsync(IEnumerable<string> values)
        {
            foreach (var value in values)
            {
                await _producer.ProduceAsync("values", new Message<Null, string> { Value = value });
            }

            _ = _producer.ProduceAsync("done", new Message<Null, string> { Value = "done" });
        }

        public void Drain(IConsumer<string, string> consumer, CancellationToken ct)
        {
            while (true)
            {
                var result = consumer.Consume(ct);
                try
                {
                    Task.Run(() => consumer.Commit(result));
                }
                catch (Exception)
                {
                    consumer.StoreOffset(result);
                }
                finally
                {
                    consumer.Commit(result);
                }
            }
        }

        public void Dispose() => _producer.Dispose();
    }
}
