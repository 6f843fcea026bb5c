using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Design
{
    /// <summary>
    /// MSG1001: <c>Publish</c>/<c>PublishAsync</c> of an event or command (by payload type or channel name)
    /// whose receiver count is ignored. Redis pub/sub keeps nothing: with no subscriber, the message is gone.
    /// </summary>
    public sealed class RedisPubSubAsDurableEventLogAnalyzer : MessagingAnalyzer
    {
        public const string DurableChannelsOption = "durable_channels";
        public const string DurablePayloadSuffixesOption = "durable_payload_suffixes";
        public const string EphemeralChannelsOption = "ephemeral_channels";

        /// <summary>Channel words that mean "this must not be lost" (matched as word prefixes).</summary>
        internal static readonly ImmutableArray<string> DefaultDurableChannelWords = ImmutableArray.Create(
            "order", "payment", "audit", "invoice", "transaction", "event", "ledger");

        /// <summary>Channel words of signals that are fine to lose; they win over durable words.</summary>
        internal static readonly ImmutableArray<string> DefaultSignalChannelWords = ImmutableArray.Create(
            "invalidat", "cache", "notif", "ping", "heartbeat", "presence", "typing", "refresh", "signalr", "backplane");

        /// <summary>Payload type name endings of events and commands.</summary>
        internal static readonly ImmutableArray<string> DefaultPayloadSuffixes = ImmutableArray.Create(
            "Event", "Command", "Created", "Placed", "Changed", "Updated", "Deleted", "Completed", "Paid",
            "Cancelled", "Canceled", "Shipped", "Submitted", "Refunded", "Confirmed", "Approved", "Rejected", "Registered");

        private const int CommandFlagsFireAndForget = 2;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG1001_RedisPubSubAsDurableEventLog);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Redis;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var redis = messaging.Redis!;
            context.RegisterInvocationAction(
                RedisLibrary.PublishCalls,
                operationContext =>
                {
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    var method = invocation.TargetMethod;
                    if (method.Name is not ("Publish" or "PublishAsync") || !redis.IsPublish(method))
                    {
                        return;
                    }

                    if (!IsReceiverCountIgnored(invocation, messaging.Framework.Task))
                    {
                        return;
                    }

                    var options = operationContext.Options;
                    var tree = invocation.Syntax.SyntaxTree;
                    var channel = ConstantText.Of(invocation.GetArgument("channel")?.Value);
                    var channelWords = Words.Split(channel.Display);
                    if (Words.FindStem(channelWords, DefaultSignalChannelWords, RuleOptions.GetList(options, tree, DiagnosticIds.RedisPubSubAsDurableEventLog, EphemeralChannelsOption), allowInfix: true) is not null)
                    {
                        return;
                    }

                    var suffixes = Concat(DefaultPayloadSuffixes, RuleOptions.GetList(options, tree, DiagnosticIds.RedisPubSubAsDurableEventLog, DurablePayloadSuffixesOption, lowerCase: false));
                    var payloadType = Payloads.FindSerializedType(invocation.GetArgument("message")?.Value, t => IsDurableType(t, suffixes), constraintsOfTypeParameters: true);
                    if (payloadType is null
                        && Words.FindStem(channelWords, DefaultDurableChannelWords, RuleOptions.GetList(options, tree, DiagnosticIds.RedisPubSubAsDurableEventLog, DurableChannelsOption), allowInfix: false) is null)
                    {
                        return;
                    }

                    if (messaging.Code.IsSignalRBackplane(operationContext.ContainingSymbol.ContainingType)
                        || IsWakeUpBesideDurableWrite(invocation, messaging))
                    {
                        return;
                    }

                    operationContext.Report(Diagnostic.Create(
                        Descriptors.MSG1001_RedisPubSubAsDurableEventLog,
                        invocation.Syntax.GetLocation(),
                        invocation.DisplayReceiver() + "." + method.Name,
                        payloadType is null ? "a message" : "'" + payloadType.Name + "'",
                        channel.Display));
                });
        }

        /// <summary>
        /// The receiver count (the return value) is thrown away, FireAndForget makes it meaningless, or the task is
        /// converted to a plain <c>Task</c> that no longer carries it (<c>Task PublishAsync(...) => _bus.PublishAsync(...)</c>,
        /// a <c>List&lt;Task&gt;</c>).
        /// </summary>
        private static bool IsReceiverCountIgnored(IInvocationOperation invocation, INamedTypeSymbol? task)
        {
            if (invocation.GetArgument("flags")?.Value.ConstantValue is { HasValue: true, Value: int flags }
                && (flags & CommandFlagsFireAndForget) != 0)
            {
                return true;
            }

            for (var current = (IOperation)invocation; current.Parent is IConversionOperation conversion; current = conversion)
            {
                if (task is not null && SymbolEqualityComparer.Default.Equals(conversion.Type, task))
                {
                    return true;
                }
            }

            return invocation.IsResultDiscarded();
        }

        private static bool IsDurableType(ITypeSymbol type, ImmutableArray<string> suffixes)
        {
            foreach (var suffix in suffixes)
            {
                if (type.Name.EndsWith(suffix, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The method also keeps the data durably, and Publish only wakes readers up: it writes the same data to a
        /// Redis Stream/List or produces it to Kafka (Publish sends a constant signal, or a value the durable write
        /// also carries, directly or through the locals it was built from), or it saves to a database (what a
        /// SaveChanges persists cannot be compared with the published value, so any database write counts).
        /// </summary>
        private static bool IsWakeUpBesideDurableWrite(IInvocationOperation publish, MessagingContext messaging)
        {
            var message = publish.GetArgument("message")?.Value.SkipConversions();
            if (message is null)
            {
                return false;
            }

            var isConstantSignal = message.ConstantValue.HasValue;
            var root = publish.GetMemberRoot();
            var published = isConstantSignal ? null : ReferencedSymbols(message, root);
            foreach (var op in root.AllDescendants())
            {
                if (op is not IInvocationOperation other || other == publish)
                {
                    continue;
                }

                if (CodeContext.IsDatabaseWrite(other.TargetMethod))
                {
                    return true;
                }

                if ((messaging.Redis!.IsDurableWrite(other.TargetMethod) || messaging.Kafka?.IsProduce(other.TargetMethod) == true)
                    && (isConstantSignal || published!.Overlaps(ReferencedSymbols(other, root))))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Locals, parameters, fields and properties read anywhere inside <paramref name="operation"/>, and those read by
        /// the initializers of the locals it reads (two levels: <c>var entry = new NameValueEntry("data", Serialize(order))</c>).
        /// </summary>
        private static HashSet<ISymbol> ReferencedSymbols(IOperation operation, IOperation root)
        {
            var symbols = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            AddReferencedSymbols(operation, root, symbols, depth: 0);
            return symbols;
        }

        private static void AddReferencedSymbols(IOperation operation, IOperation root, HashSet<ISymbol> symbols, int depth)
        {
            foreach (var op in operation.AllDescendantsAndSelf())
            {
                ISymbol? symbol = op switch
                {
                    ILocalReferenceOperation local => local.Local,
                    IParameterReferenceOperation parameter => parameter.Parameter,
                    IFieldReferenceOperation field => field.Field,
                    IPropertyReferenceOperation property => property.Property,
                    _ => null,
                };
                if (symbol is null || !symbols.Add(symbol))
                {
                    continue;
                }

                if (depth < 2 && symbol is ILocalSymbol declared && Operations.GetLocalInitializer(root, declared) is { } initializer)
                {
                    AddReferencedSymbols(initializer, root, symbols, depth + 1);
                }
            }
        }

        private static ImmutableArray<string> Concat(ImmutableArray<string> defaults, ImmutableArray<string> configured) =>
            configured.IsEmpty ? defaults : defaults.AddRange(configured);
    }
}
