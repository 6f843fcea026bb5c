using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace MessagingAnalyzers.Tests.Infrastructure
{
    /// <summary>
    /// One supported combination of client library versions, with the metadata references a test
    /// compilation gets. The assemblies were restored by the test project (PackageDownload) and copied
    /// to <c>clients/&lt;package&gt;/&lt;version&gt;/</c>: nothing is downloaded at run time.
    /// </summary>
    public sealed class ClientSet
    {
        private readonly Lazy<ImmutableArray<MetadataReference>> _references;

        private ClientSet(string kafkaVersion, string redisVersion)
        {
            KafkaVersion = kafkaVersion;
            RedisVersion = redisVersion;
            _references = new Lazy<ImmutableArray<MetadataReference>>(() =>
                Load("Confluent.Kafka/" + kafkaVersion)
                    .Concat(Load("StackExchange.Redis/" + redisVersion))
                    .Concat(Load("common"))
                    .ToImmutableArray());
        }

        /// <summary>Every supported version of each client is in at least one set.</summary>
        public static IReadOnlyList<ClientSet> All { get; } = new[]
        {
            new ClientSet("1.9.3", "2.8.16"),
            new ClientSet("2.16.0", "3.4.35"),
        };

        public string KafkaVersion { get; }

        public string RedisVersion { get; }

        public ImmutableArray<MetadataReference> References => _references.Value;

        public override string ToString() => $"Confluent.Kafka {KafkaVersion}, StackExchange.Redis {RedisVersion}";

        private static IEnumerable<MetadataReference> Load(string folder)
        {
            var directory = Path.Combine(AppContext.BaseDirectory, "clients", folder);
            if (!Directory.Exists(directory))
            {
                throw new InvalidOperationException($"Client assemblies not found in {directory}; build the test project (it copies them after restore).");
            }

            return Directory.GetFiles(directory, "*.dll").OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f));
        }
    }
}
