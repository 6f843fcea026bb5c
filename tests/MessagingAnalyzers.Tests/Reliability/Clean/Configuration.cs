// Realistic configuration, wiring and scripting that is fine as written: the package must report nothing here (CleanCodeTests).
using System;
using System.Collections.Generic;
using System.Net.Security;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Clean.Configuration
{
    public static class Configs
    {
        public static ProducerConfig Local() => new() { BootstrapServers = "localhost:9092", Acks = Acks.All };

        /// <summary>SCRAM does not send the password, even over plaintext inside a private network.</summary>
        public static ProducerConfig Scram(string user, string password) => new()
        {
            BootstrapServers = "kafka.internal:9092",
            SecurityProtocol = SecurityProtocol.SaslPlaintext,
            SaslMechanism = SaslMechanism.ScramSha256,
            SaslUsername = user,
            SaslPassword = password,
            Acks = Acks.All,
        };

        public static ProducerConfig Large() => new() { BootstrapServers = "k:9092", MessageMaxBytes = 5_000_000, CompressionType = CompressionType.Zstd, Acks = Acks.All };

        public static ProducerConfig Tls() => new()
        {
            BootstrapServers = "broker:9093",
            SecurityProtocol = SecurityProtocol.Ssl,
            SslCaLocation = "/etc/ssl/ca.pem",
            EnableSslCertificateVerification = true,
            Acks = Acks.All,
        };

        public static ConsumerConfig Consumer() => new() { BootstrapServers = "k:9092", GroupId = "g", FetchMaxBytes = 52_428_800, MaxPartitionFetchBytes = 10_485_760 };

        public static ConnectionMultiplexer LocalRedis(string password) => ConnectionMultiplexer.Connect($"localhost:6379,password={password}");

        public static ConfigurationOptions RemoteRedis(string password)
        {
            var options = ConfigurationOptions.Parse("cache.example.com:6380");
            options.Password = password;
            options.Ssl = true;
            options.CertificateValidation += (sender, certificate, chain, errors) => errors == SslPolicyErrors.None;
            return options;
        }
    }

    public interface IOrderPublisher
    {
        Task PublishAsync(string id);
    }

    public sealed class KafkaOrderPublisher : IOrderPublisher
    {
        private readonly IProducer<string, string> _producer;

        public KafkaOrderPublisher(IProducer<string, string> producer) => _producer = producer;

        public Task PublishAsync(string id) => _producer.ProduceAsync("orders", new Message<string, string> { Key = id, Value = id });
    }

    public static class Wiring
    {
        public static IServiceCollection Add(IServiceCollection services, ProducerConfig config)
        {
            services.AddSingleton(typeof(IProducer<string, string>), _ => new ProducerBuilder<string, string>(config).Build());
            services.AddScoped<IOrderPublisher, KafkaOrderPublisher>();
            services.AddTransient(sp => sp.GetRequiredService<IConnectionMultiplexer>().GetSubscriber());
            return services;
        }

        public static async Task<ConnectionMultiplexer> ConnectAsync(string configuration)
        {
            var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration);
            multiplexer.ConnectionFailed += (sender, e) => Console.Error.WriteLine(e.Exception);
            return multiplexer;
        }

        public static IProducer<string, string> CreateProducer(ProducerConfig config) =>
            new ProducerBuilder<string, string>(config).SetErrorHandler((producer, e) => Console.Error.WriteLine(e.Reason)).Build();
    }

    public sealed class Scripts
    {
        private const string Prefix = "local v = redis.call('GET', KEYS[1]) ";
        private const string Suffix = "return v";
        private static readonly string Combined = Prefix + Suffix;
        private static readonly LuaScript Prepared = LuaScript.Prepare(Prefix + "if v then redis.call('DEL', @key) end " + Suffix);
        private readonly IDatabase _db;

        public Scripts(IDatabase db) => _db = db;

        public Task<RedisResult> GetAsync(string key) => _db.ScriptEvaluateAsync(Combined, new RedisKey[] { key });

        public Task<RedisResult> DeleteAsync(string key) => _db.ScriptEvaluateAsync(Prepared, new { key = (RedisKey)key });

        public Task<RedisResult> RunAsync(bool delete, string key) =>
            _db.ScriptEvaluateAsync(delete ? "return redis.call('DEL', KEYS[1])" : "return redis.call('GET', KEYS[1])", new RedisKey[] { key });

        public RedisResult Info() => _db.Execute("INFO", "memory");
    }

    public sealed record Heartbeat(string Host, DateTime At);

    public sealed class Telemetry
    {
        private readonly IProducer<string, string> _producer;
        private readonly IProducer<Null, string> _keyless;

        public Telemetry(IProducer<string, string> producer, IProducer<Null, string> keyless)
        {
            _producer = producer;
            _keyless = keyless;
        }

        public Task<DeliveryResult<string, string>> SendAsync(string key, string value) =>
            _producer.ProduceAsync("t", new Message<string, string> { Key = key, Value = value });

        public void SendLogged(string key, string value) =>
            _producer.ProduceAsync("t", new Message<string, string> { Key = key, Value = value })
                .ContinueWith(t => Console.Error.WriteLine(t.Exception), TaskContinuationOptions.OnlyOnFaulted);

        public void Beat() =>
            _keyless.Produce("heartbeats", new Message<Null, string> { Value = JsonSerializer.Serialize(new Heartbeat(Environment.MachineName, DateTime.UtcNow)) }, r => { });
    }

    /// <summary>Produces a lifecycle event at start, then consumes on its own thread and produces to another topic.</summary>
    public sealed class Processor : BackgroundService
    {
        private readonly IConsumer<string, string> _consumer;
        private readonly IProducer<string, string> _producer;

        public Processor(IConsumer<string, string> consumer, IProducer<string, string> producer)
        {
            _consumer = consumer;
            _producer = producer;
        }

        public override async Task StartAsync(CancellationToken ct)
        {
            await _producer.ProduceAsync("lifecycle", new Message<string, string> { Key = "svc", Value = "started" }, ct);
            _consumer.Subscribe("orders");
            await base.StartAsync(ct);
        }

        protected override Task ExecuteAsync(CancellationToken ct) => Task.Factory.StartNew(
            () =>
            {
                while (!ct.IsCancellationRequested)
                {
                    try
                    {
                        var result = _consumer.Consume(ct);
                        _producer.Produce("orders-enriched", new Message<string, string> { Key = result.Message.Key, Value = result.Message.Value }, r => { });
                    }
                    catch (ConsumeException e) when (!e.Error.IsFatal)
                    {
                    }
                }

                _consumer.Close();
            },
            ct,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }

    public sealed class ChatHub : Hub
    {
        private readonly ISubscriber _bus;

        public ChatHub(IConnectionMultiplexer multiplexer) => _bus = multiplexer.GetSubscriber();

        public Task Send(string room, string text) => _bus.PublishAsync(RedisChannel.Literal("chat:" + room), text);
    }
}
