// Realistic Kafka code that uses the client well: the package must report nothing here (CleanCodeTests).
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Clean.Kafka
{
    public sealed record OrderPlaced(Guid OrderId, decimal Total);

    /// <summary>Kafka as the backbone, Redis as the read model: a consume-project worker on its own thread.</summary>
    public sealed class ProjectionWorker : BackgroundService
    {
        private readonly IConsumer<string, string> _consumer;
        private readonly IDatabase _db;

        public ProjectionWorker(IConsumer<string, string> consumer, IConnectionMultiplexer redis)
        {
            _consumer = consumer;
            _db = redis.GetDatabase();
        }

        protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
            Task.Factory.StartNew(() => Loop(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        private void Loop(CancellationToken ct)
        {
            _consumer.Subscribe("orders");
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    try
                    {
                        var result = _consumer.Consume(ct);
                        var order = JsonSerializer.Deserialize<OrderPlaced>(result.Message.Value)!;
                        _db.HashSet("order:" + order.OrderId, new[] { new HashEntry("total", order.Total.ToString()) });
                        _consumer.Commit(result);
                    }
                    catch (ConsumeException e) when (!e.Error.IsFatal)
                    {
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                _consumer.Close();
            }
        }
    }

    public sealed class Publisher : IDisposable
    {
        private readonly IProducer<string, string> _producer;

        public Publisher(string servers)
        {
            var config = new ProducerConfig { BootstrapServers = servers, Acks = Acks.All, EnableIdempotence = true, LingerMs = 5 };
            _producer = new ProducerBuilder<string, string>(config).Build();
        }

        public async Task PublishAsync(OrderPlaced order, CancellationToken ct)
        {
            var result = await _producer.ProduceAsync("orders", new Message<string, string> { Key = order.OrderId.ToString(), Value = JsonSerializer.Serialize(order) }, ct);
            if (result.Status != PersistenceStatus.Persisted)
            {
                throw new InvalidOperationException("not persisted");
            }
        }

        public async Task PublishManyAsync(IEnumerable<OrderPlaced> orders, CancellationToken ct)
        {
            var tasks = new List<Task<DeliveryResult<string, string>>>();
            foreach (var order in orders)
            {
                tasks.Add(_producer.ProduceAsync("orders", new Message<string, string> { Key = order.OrderId.ToString(), Value = JsonSerializer.Serialize(order) }, ct));
            }

            await Task.WhenAll(tasks);
        }

        public async Task SendWithRetryAsync(string key, string value, CancellationToken ct)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await _producer.ProduceAsync("out", new Message<string, string> { Key = key, Value = value }, ct);
                    return;
                }
                catch (ProduceException<string, string>) when (attempt < 3)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), ct);
                }
            }
        }

        public void Dispose()
        {
            _producer.Flush(TimeSpan.FromSeconds(10));
            _producer.Dispose();
        }
    }

    public sealed class Enricher
    {
        private readonly IConsumer<string, string> _consumer;
        private readonly IProducer<string, string> _producer;
        private readonly IProducer<string, string> _deadLetters;

        public Enricher(IConsumer<string, string> consumer, IProducer<string, string> producer, IProducer<string, string> deadLetters)
        {
            _consumer = consumer;
            _producer = producer;
            _deadLetters = deadLetters;
        }

        /// <summary>Consume-transform-produce with a catch-all that dead-letters, then commits.</summary>
        public void Run(CancellationToken ct)
        {
            _consumer.Subscribe("raw");
            while (!ct.IsCancellationRequested)
            {
                ConsumeResult<string, string>? result = null;
                try
                {
                    result = _consumer.Consume(ct);
                    _producer.Produce("enriched", new Message<string, string> { Key = result.Message.Key, Value = result.Message.Value.ToUpperInvariant() }, r => { });
                    _consumer.Commit(result);
                }
                catch (ConsumeException e)
                {
                    if (e.Error.IsFatal)
                    {
                        throw;
                    }
                }
                catch (Exception)
                {
                    if (result is not null)
                    {
                        _deadLetters.Produce("raw.dlq", new Message<string, string> { Key = result.Message.Key, Value = result.Message.Value }, r => { });
                        _consumer.Commit(result);
                    }
                }
            }

            _consumer.Close();
        }

        /// <summary>A batch collected by an inner loop, guarded in the outer one, processed in parallel, then committed.</summary>
        public void RunBatches(CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                var batch = new List<ConsumeResult<string, string>>();
                try
                {
                    for (var i = 0; i < 100; i++)
                    {
                        var result = _consumer.Consume(TimeSpan.FromMilliseconds(50));
                        if (result is null)
                        {
                            break;
                        }

                        batch.Add(result);
                    }
                }
                catch (ConsumeException e) when (!e.Error.IsFatal)
                {
                }

                Parallel.ForEach(batch, r => Console.WriteLine(r.Message.Value));
                if (batch.Count > 0)
                {
                    _consumer.Commit(batch.Select(r => new TopicPartitionOffset(r.TopicPartition, r.Offset + 1)));
                }
            }

            _consumer.Close();
        }
    }

    public static class Readers
    {
        /// <summary>An assign-only reader with a throwaway group that never commits.</summary>
        public static List<string> ReadPartition(string brokers, string topic)
        {
            var config = new ConsumerConfig { BootstrapServers = brokers, GroupId = "reader-" + Guid.NewGuid(), EnableAutoCommit = false };
            using var consumer = new ConsumerBuilder<Ignore, string>(config).Build();
            consumer.Assign(new TopicPartitionOffset(topic, 0, Offset.Beginning));
            var values = new List<string>();
            while (true)
            {
                try
                {
                    var result = consumer.Consume(TimeSpan.FromSeconds(1));
                    if (result is null)
                    {
                        break;
                    }

                    values.Add(result.Message.Value);
                }
                catch (ConsumeException e) when (!e.Error.IsFatal)
                {
                }
            }

            consumer.Close();
            return values;
        }
    }
}
