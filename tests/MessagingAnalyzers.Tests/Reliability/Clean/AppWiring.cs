// Realistic application wiring, configuration and tests: the package must report nothing here (CleanCodeTests).
using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Clean.App
{
    public sealed record CreateOrder(string Sku, int Quantity);

    public sealed record OrderCreated(Guid Id, string Sku, int Quantity);

    public interface ISettings
    {
        string? this[string key] { get; }
    }

    [ApiController]
    public sealed class OrdersController : ControllerBase
    {
        private readonly IProducer<string, string> _producer;
        private readonly IDatabase _cache;
        private readonly ISubscriber _bus;

        public OrdersController(IProducer<string, string> producer, IConnectionMultiplexer redis)
        {
            _producer = producer;
            _cache = redis.GetDatabase();
            _bus = redis.GetSubscriber();
        }

        [HttpPost("/orders")]
        public async Task<IActionResult> Create(CreateOrder request, CancellationToken ct)
        {
            var created = new OrderCreated(Guid.NewGuid(), request.Sku, request.Quantity);
            await _producer.ProduceAsync("orders", new Message<string, string> { Key = created.Id.ToString(), Value = JsonSerializer.Serialize(created) }, ct);
            return null!;
        }

        [HttpGet("/orders/{id}")]
        public async Task<IActionResult> Get(string id)
        {
            var json = await _cache.StringGetAsync("order:" + id);
            return json.HasValue ? null! : null!;
        }

        [HttpPost("/typing")]
        public async Task<IActionResult> Typing(string room, string user)
        {
            await _bus.PublishAsync(RedisChannel.Literal("typing:" + room), user);
            return null!;
        }
    }

    public static class Registration
    {
        private static readonly Lazy<ConnectionMultiplexer> Multiplexer = new(() => ConnectionMultiplexer.Connect(Environment.GetEnvironmentVariable("REDIS") ?? "localhost"));

        public static IServiceCollection AddMessaging(this IServiceCollection services, ISettings settings)
        {
            services.AddSingleton<IConnectionMultiplexer>(_ => Multiplexer.Value);
            services.AddScoped(sp => sp.GetRequiredService<IConnectionMultiplexer>().GetDatabase());
            services.AddSingleton(_ => new ProducerBuilder<string, string>(Kafka(settings)).Build());
            return services;
        }

        public static ProducerConfig Kafka(ISettings settings) => new()
        {
            BootstrapServers = settings["Kafka:BootstrapServers"],
            SecurityProtocol = SecurityProtocol.SaslSsl,
            SaslMechanism = SaslMechanism.ScramSha512,
            SaslUsername = settings["Kafka:Username"],
            SaslPassword = settings["Kafka:Password"],
            Acks = Acks.All,
        };

        public static ConfigurationOptions Redis()
        {
            var options = ConfigurationOptions.Parse(Environment.GetEnvironmentVariable("REDIS_URL") ?? "localhost:6379");
            options.Password = Environment.GetEnvironmentVariable("REDIS_PASSWORD");
            options.Ssl = true;
            return options;
        }

        /// <summary>A template a release pipeline fills in.</summary>
        public static Dictionary<string, string> Template() => new()
        {
            ["bootstrap.servers"] = "localhost:9092",
            ["sasl.username"] = "<username>",
            ["sasl.password"] = "${KAFKA_PASSWORD}",
            ["security.protocol"] = "SASL_SSL",
        };
    }
}

namespace Xunit
{
    public sealed class FactAttribute : Attribute
    {
    }
}

namespace Clean.Tests
{
    using Xunit;

    public class RoundTripTests
    {
        [Fact]
        public async Task ProducedMessage_IsConsumed()
        {
            var topic = "test-" + Guid.NewGuid();
            using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = "localhost:9092" }).Build();
            await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "v" });

            using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
            {
                BootstrapServers = "localhost:9092",
                GroupId = Guid.NewGuid().ToString(),
                AutoOffsetReset = AutoOffsetReset.Earliest,
            }).Build();
            consumer.Subscribe(topic);
            var result = consumer.Consume(TimeSpan.FromSeconds(10));
            if (result.Message.Value != "v")
            {
                throw new InvalidOperationException();
            }
        }

        [Fact]
        public async Task Cache_RoundTrips()
        {
            using var mux = await ConnectionMultiplexer.ConnectAsync("localhost:6379");
            var db = mux.GetDatabase();
            db.StringSet("cache:x", "1");
            var value = db.StringGet("cache:x");
            await db.KeyDeleteAsync("cache:x");
        }
    }
}
