using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers
{
    /// <summary>One setting a Kafka config receives: <c>Acks = Acks.None</c>, <c>Set("acks", "0")</c>, <c>["acks"] = "0"</c>.</summary>
    internal sealed class ConfigSetting
    {
        public ConfigSetting(string key, string? value, IOperation operation, IOperation valueOperation)
        {
            Key = key;
            Value = value;
            Operation = operation;
            ValueOperation = valueOperation;
        }

        /// <summary>The librdkafka key: <c>acks</c>, <c>enable.idempotence</c>, <c>group.id</c>.</summary>
        public string Key { get; }

        /// <summary>The normalized value when it is constant (<c>all</c>, <c>0</c>, <c>true</c>, <c>1048576</c>), else null.</summary>
        public string? Value { get; }

        /// <summary>The assignment, Set call or dictionary entry: where a diagnostic about the setting goes.</summary>
        public IOperation Operation { get; }

        public IOperation ValueOperation { get; }
    }

    /// <summary>
    /// Config keys and values in one spelling. Typed properties map to librdkafka keys
    /// (<c>EnableIdempotence</c> → <c>enable.idempotence</c>); enum and bool values become the strings
    /// librdkafka takes (<c>Acks.All</c> → <c>all</c>).
    /// </summary>
    internal static class KafkaConfigKeys
    {
        public const string Acks = "acks";
        public const string EnableIdempotence = "enable.idempotence";
        public const string EnableDeliveryReports = "dotnet.producer.enable.delivery.reports";
        public const string MessageMaxBytes = "message.max.bytes";
        public const string CompressionType = "compression.type";
        public const string MaxInFlight = "max.in.flight";
        public const string GroupId = "group.id";
        public const string EnableAutoCommit = "enable.auto.commit";
        public const string EnableAutoOffsetStore = "enable.auto.offset.store";
        public const string TransactionalId = "transactional.id";

        private static readonly ImmutableDictionary<string, string> SpecialProperties = ImmutableDictionary.CreateRange(StringComparer.Ordinal, new[]
        {
            new KeyValuePair<string, string>("EnableDeliveryReports", EnableDeliveryReports),
            new KeyValuePair<string, string>("DeliveryReportFields", "dotnet.producer.delivery.report.fields"),
            new KeyValuePair<string, string>("EnableBackgroundPoll", "dotnet.producer.enable.background.poll"),
            new KeyValuePair<string, string>("ConsumeResultFields", "dotnet.consumer.consume.result.fields"),
            new KeyValuePair<string, string>("CancellationDelayMaxMs", "dotnet.cancellation.delay.max.ms"),
        });

        private static readonly ImmutableDictionary<string, string> KeyAliases = ImmutableDictionary.CreateRange(StringComparer.Ordinal, new[]
        {
            new KeyValuePair<string, string>("request.required.acks", Acks),
            new KeyValuePair<string, string>("max.in.flight.requests.per.connection", MaxInFlight),
            new KeyValuePair<string, string>("compression.codec", CompressionType),
        });

        /// <summary>The librdkafka key of a typed config property.</summary>
        public static string FromProperty(string propertyName)
        {
            if (SpecialProperties.TryGetValue(propertyName, out var special))
            {
                return special;
            }

            var builder = new System.Text.StringBuilder(propertyName.Length + 4);
            for (var i = 0; i < propertyName.Length; i++)
            {
                var c = propertyName[i];
                if (char.IsUpper(c) && i > 0)
                {
                    builder.Append('.');
                }

                builder.Append(char.ToLowerInvariant(c));
            }

            return Normalize(builder.ToString());
        }

        /// <summary>The canonical spelling of a string key (aliases folded).</summary>
        public static string Normalize(string key)
        {
            key = key.Trim().ToLowerInvariant();
            return KeyAliases.TryGetValue(key, out var canonical) ? canonical : key;
        }

        /// <summary>The constant value of a setting as librdkafka reads it, or null.</summary>
        public static string? NormalizeValue(string key, IOperation value)
        {
            value = value.SkipConversions();
            if (value is IFieldReferenceOperation { Field: { ContainingType.TypeKind: TypeKind.Enum } field })
            {
                return NormalizeEnum(key, field.Name);
            }

            if (!value.ConstantValue.HasValue || value.ConstantValue.Value is null)
            {
                return null;
            }

            var constant = value.ConstantValue.Value;
            if (value.Type?.TypeKind == TypeKind.Enum || (value.Parent is IConversionOperation conversion && conversion.Type?.TypeKind == TypeKind.Enum))
            {
                var enumType = value.Type?.TypeKind == TypeKind.Enum ? value.Type : value.Parent!.Type;
                foreach (var member in enumType!.GetMembers())
                {
                    if (member is IFieldSymbol { HasConstantValue: true } enumField && Equals(enumField.ConstantValue, constant))
                    {
                        return NormalizeEnum(key, enumField.Name);
                    }
                }
            }

            var text = constant switch
            {
                bool b => b ? "true" : "false",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => constant.ToString(),
            };
            text = text.Trim().ToLowerInvariant();
            return key == Acks && text == "-1" ? "all" : text;
        }

        private static string NormalizeEnum(string key, string name)
        {
            if (key == Acks)
            {
                return name switch
                {
                    "None" => "0",
                    "Leader" => "1",
                    _ => "all",
                };
            }

            return name.ToLowerInvariant();
        }
    }

    /// <summary>What a config visibly sets, merged from its creation, base config and later assignments.</summary>
    internal sealed class ConfigView
    {
        private readonly Dictionary<string, ConfigSetting> _settings;

        public ConfigView(IOperation? creation, Dictionary<string, ConfigSetting> settings, bool isOpen = false)
        {
            Creation = creation;
            _settings = settings;
            IsOpen = isOpen;
        }

        /// <summary>
        /// The config may carry settings the type does not show: it is copied from a dictionary or from a config whose
        /// origin is not visible (<c>new ConsumerConfig(dict)</c>), or given to a method that may set anything on it
        /// (<c>configuration.Bind(config)</c>). A rule that reports a missing setting stays silent on an open config.
        /// </summary>
        public bool IsOpen { get; }

        /// <summary>The config creation (<c>new ProducerConfig { ... }</c>), when it is visible.</summary>
        public IOperation? Creation { get; }

        public IEnumerable<ConfigSetting> Settings => _settings.Values;

        public bool TryGet(string key, out ConfigSetting setting) => _settings.TryGetValue(key, out setting!);

        /// <summary>The constant value of <paramref name="key"/>, or null when not set or not constant.</summary>
        public string? Get(string key) => _settings.TryGetValue(key, out var s) ? s.Value : null;
    }
}
