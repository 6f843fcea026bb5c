using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Shop.Orders
{
    public sealed record OrderPlaced(Guid OrderId, string CustomerId, decimal Total);

    public sealed class OrderPipeline : BackgroundService
    {
        private readonly IConsumer<string, string> _consumer;
        private readonly IProducer<string, string> _producer;
        private readonly IDatabase _redis;
        private readonly ISubscriber _bus;

        public OrderPipeline(IConsumer<string, string> consumer, IProducer<string, string> producer, IConnectionMultiplexer redis)
        {
            _consumer = consumer;
            _producer = producer;
            _redis = redis.GetDatabase();
            _bus = redis.GetSubscriber();
        }

        public static void Register(IServiceCollection services, ProducerConfig producerConfig, ConsumerConfig consumerConfig)
        {
            services.AddSingleton(_ => new ProducerBuilder<string, string>(producerConfig).Build());
            services.AddScoped(_ => new ConsumerBuilder<string, string>(consumerConfig).Build());
            services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect("localhost:6379"));
        }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            _consumer.Subscribe("orders");
            while (!stoppingToken.IsCancellationRequested)
            {
                var result = _consumer.Consume(stoppingToken);
                var placed = JsonSerializer.Deserialize<OrderPlaced>(result.Message.Value);
                if (placed is null)
                {
                    continue;
                }

                await _redis.StringSetAsync($"order:{placed.OrderId}", "placed");
                var count = await _redis.StringIncrementAsync($"customer:{placed.CustomerId}:orders");
                await _redis.KeyExpireAsync($"customer:{placed.CustomerId}:orders", TimeSpan.FromDays(30));
                await _bus.PublishAsync(RedisChannel.Literal("order-events"), JsonSerializer.Serialize(placed));
                await _producer.ProduceAsync("orders-projected", new Message<string, string> { Key = result.Message.Key, Value = count.ToString() });
                _consumer.Commit(result);
            }
        }

        public void PublishAll(IEnumerable<OrderPlaced> orders)
        {
            foreach (var order in orders)
            {
                _producer.ProduceAsync("orders", new Message<string, string> { Key = order.OrderId.ToString(), Value = JsonSerializer.Serialize(order) }).Wait();
                _producer.Flush(TimeSpan.FromSeconds(5));
            }
        }

        public bool TryLock(string name)
        {
            if (!_redis.LockTake("lock:" + name, "token", TimeSpan.MaxValue))
            {
                return false;
            }

            _redis.LockRelease("lock:" + name, "token");
            return true;
        }

        public override void Dispose()
        {
            _consumer.Dispose();
            _producer.Dispose();
            base.Dispose();
        }
    }
}
