using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using Xunit;
using Xunit.Abstractions;

namespace MessagingAnalyzers.IntegrationTests
{
    /// <summary>The Kafka rules' claims, shown over the real Kafka protocol (librdkafka's mock cluster).</summary>
    public sealed class KafkaClaimsTests
    {
        private readonly ITestOutputHelper _output;

        public KafkaClaimsTests(ITestOutputHelper output) => _output = output;

        /// <summary>MSG1001's alternative: events produced before any consumer exists are read by one that starts later.</summary>
        [Fact]
        public void Kafka_ReplaysToAConsumerThatStartsLater()
        {
            using var cluster = new KafkaMockCluster();
            for (var i = 0; i < 3; i++)
            {
                cluster.Producer.Produce("orders", new Message<string, string> { Key = "order-1", Value = $"event-{i}" }, report => Assert.False(report.Error.IsError));
            }

            cluster.Producer.Flush(TimeSpan.FromSeconds(10));

            using var late = cluster.NewConsumer("billing");
            late.Subscribe("orders");
            var values = new List<string>();
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (values.Count < 3 && DateTime.UtcNow < deadline)
            {
                var result = late.Consume(TimeSpan.FromMilliseconds(500));
                if (result is not null)
                {
                    values.Add(result.Message.Value);
                }
            }

            late.Close();
            Assert.Equal(new[] { "event-0", "event-1", "event-2" }, values);
        }

        /// <summary>MSG2005: a producer disposed without Flush drops what is still queued; with Flush everything arrives.</summary>
        [Fact]
        public void DisposeWithoutFlush_DropsQueuedMessages_FlushDeliversThem()
        {
            using var cluster = new KafkaMockCluster();
            const int Count = 200;

            var lost = Deliver(cluster, Count, flush: false);
            var kept = Deliver(cluster, Count, flush: true);
            _output.WriteLine($"delivered without Flush: {lost}/{Count}, with Flush: {kept}/{Count}");
            Assert.True(lost < Count, $"expected messages to be lost without Flush, {lost} of {Count} were delivered");
            Assert.Equal(Count, kept);
        }

        /// <summary>MSG1002: request/response over Kafka costs broker round trips; a direct call does not.</summary>
        [Fact]
        public async Task RequestReplyOverKafka_IsOrdersOfMagnitudeSlowerThanADirectCall()
        {
            using var cluster = new KafkaMockCluster();
            cluster.CreateTopics("requests", "replies");
            using var requester = cluster.NewProducer(lingerMs: 5);
            using var replies = cluster.NewConsumer("requester");
            replies.Subscribe("replies");

            // A responder: consumes requests, produces replies.
            using var cancel = new CancellationTokenSource();
            var responder = Task.Run(() =>
            {
                using var requests = cluster.NewConsumer("responder");
                using var producer = cluster.NewProducer(lingerMs: 5);
                requests.Subscribe("requests");
                while (!cancel.IsCancellationRequested)
                {
                    var request = requests.Consume(TimeSpan.FromMilliseconds(100));
                    if (request is not null && request.Message.Key != "warmup")
                    {
                        producer.Produce("replies", new Message<string, string> { Key = request.Message.Key, Value = "price:" + request.Message.Value }, _ => { });
                        producer.Flush(TimeSpan.FromSeconds(5));
                    }
                }

                requests.Close();
            });

            var kafka = new List<double>();
            for (var i = 0; i < 6; i++)
            {
                var id = Guid.NewGuid().ToString();
                var watch = Stopwatch.StartNew();
                await requester.ProduceAsync("requests", new Message<string, string> { Key = id, Value = "sku-" + i });
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (DateTime.UtcNow < deadline)
                {
                    var reply = replies.Consume(TimeSpan.FromMilliseconds(100));
                    if (reply?.Message.Key == id)
                    {
                        break;
                    }
                }

                kafka.Add(watch.Elapsed.TotalMilliseconds);
            }

            var direct = new List<double>();
            for (var i = 0; i < 6; i++)
            {
                var watch = Stopwatch.StartNew();
                _ = await PriceAsync("sku-" + i);
                direct.Add(watch.Elapsed.TotalMilliseconds);
            }

            cancel.Cancel();
            await responder;
            replies.Close();

            // The first exchange includes group joins; the rest are steady state.
            var kafkaMedian = kafka.Skip(1).OrderBy(x => x).ElementAt(2);
            var directMedian = direct.OrderBy(x => x).ElementAt(3);
            _output.WriteLine($"request/response over Kafka: median {kafkaMedian:F1} ms (first {kafka[0]:F0} ms); direct call: median {directMedian:F3} ms");
            Assert.True(kafkaMedian > directMedian * 10, $"Kafka {kafkaMedian} ms vs direct {directMedian} ms");
        }

        private static Task<string> PriceAsync(string sku) => Task.FromResult("price:" + sku);

        private static int Deliver(KafkaMockCluster cluster, int count, bool flush)
        {
            var delivered = 0;
            // A long linger keeps the messages in the client's queue, as under load.
            var producer = cluster.NewProducer(lingerMs: 2000);
            for (var i = 0; i < count; i++)
            {
                producer.Produce("events", new Message<string, string> { Key = "k", Value = i.ToString() }, report =>
                {
                    if (!report.Error.IsError)
                    {
                        Interlocked.Increment(ref delivered);
                    }
                });
            }

            if (flush)
            {
                producer.Flush(TimeSpan.FromSeconds(20));
            }

            producer.Dispose();
            return Volatile.Read(ref delivered);
        }
    }
}
