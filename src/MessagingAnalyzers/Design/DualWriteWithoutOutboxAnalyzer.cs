using System.Linq;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Design
{
    /// <summary>
    /// MSG1005: one method produces to Kafka (or publishes to Redis) and also writes to a database
    /// (DbContext.SaveChanges*, DbCommand.Execute*, Dapper Execute*) or, for Kafka, to Redis state, with no
    /// transaction or outbox in sight. Outbox relays (a type or method named *Outbox*) and tests are not reported.
    /// </summary>
    public sealed class DualWriteWithoutOutboxAnalyzer : MessagingAnalyzer
    {
        private static readonly ImmutableArray<string> StateWrites = ImmutableArray.Create("StringSet", "HashSet", "SetAdd", "SortedSetAdd", "KeyDelete", "SetRemove", "HashDelete");

        private static readonly ImmutableArray<string> DatabaseWrites = ImmutableArray.Create(
            "SaveChanges", "SaveChangesAsync", "ExecuteNonQuery", "ExecuteNonQueryAsync", "Execute", "ExecuteAsync", "ExecuteScalar", "ExecuteScalarAsync");

        /// <summary>
        /// Every method name a write beside a Kafka send can have (database and Redis state), and beside a Redis
        /// publish (database only): a function whose text names none is not walked.
        /// </summary>
        private static readonly NameScan KafkaSendWrites = new(DatabaseWrites.Concat(StateWrites).Concat(StateWrites.Select(w => w + "Async")));

        private static readonly NameScan PublishWrites = new(DatabaseWrites);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG1005_DualWriteWithoutOutbox);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Any;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            context.RegisterInvocationAction(
                KafkaLibrary.ProduceCalls.AddRange(RedisLibrary.PublishCalls),
                c =>
                {
                    var send = (IInvocationOperation)c.Operation;
                    var toKafka = messaging.Kafka?.IsProduce(send.TargetMethod) == true;
                    if (!toKafka && messaging.Redis?.IsPublish(send.TargetMethod) != true)
                    {
                        return;
                    }

                    var function = send.GetFunctionRoot();
                    if (!(toKafka ? KafkaSendWrites : PublishWrites).AnyIn(function.Syntax))
                    {
                        return;
                    }

                    IInvocationOperation? write = null;
                    foreach (var op in function.DescendantsInSameFunction())
                    {
                        if (op is IObjectCreationOperation { Type.Name: "TransactionScope" })
                        {
                            return;
                        }

                        if (op is not IInvocationOperation other)
                        {
                            continue;
                        }

                        if (other.TargetMethod.Name is "BeginTransaction" or "BeginTransactionAsync" or "CreateTransaction" or "UseTransaction")
                        {
                            return;
                        }

                        if (write is null && (CodeContext.IsDatabaseWrite(other.TargetMethod) || (toKafka && IsRedisStateWrite(other, messaging.Redis))))
                        {
                            write = other;
                        }
                    }

                    // Asked last: the outbox check walks the containing symbols. (Test code is left out where rules report.)
                    var owner = c.ContainingSymbol;
                    if (write is not null && !IsOutbox(owner))
                    {
                        c.Report(Diagnostic.Create(
                            Descriptors.MSG1005_DualWriteWithoutOutbox, send.Syntax.GetLocation(),
                            owner.Name, send.DisplayReceiver() + "." + send.TargetMethod.Name, write.DisplayReceiver() + "." + write.TargetMethod.Name));
                    }
                });
        }

        private static bool IsOutbox(ISymbol owner)
        {
            for (var symbol = owner; symbol is not null and not INamespaceSymbol; symbol = symbol.ContainingSymbol)
            {
                if (symbol.Name.IndexOf("Outbox", System.StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsRedisStateWrite(IInvocationOperation invocation, RedisLibrary? redis) =>
            redis is not null
            && redis.IsDatabaseCommand(invocation.TargetMethod, StateWrites)
            && !redis.IsBatch(invocation.Instance?.Type);
    }
}
