using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Redis
{
    /// <summary>
    /// MSG3004: StreamAcknowledge/StreamDelete of entries just read with StreamReadGroup, before they are processed:
    /// later in the same function the entries are used (processed) or returned to the caller.
    /// </summary>
    public sealed class StreamAcknowledgedBeforeProcessingAnalyzer : MessagingAnalyzer
    {
        private static readonly ImmutableArray<string> Acknowledgements = ImmutableArray.Create("StreamAcknowledge", "StreamDelete");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG3004_StreamAcknowledgedBeforeProcessing);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Redis;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var redis = messaging.Redis!;
            context.RegisterOperationAction(
                operationContext =>
                {
                    var ack = (IInvocationOperation)operationContext.Operation;
                    if (!redis.IsDatabaseCommand(ack.TargetMethod, Acknowledgements))
                    {
                        return;
                    }

                    var root = ack.GetFunctionRoot();
                    var entries = ReadEntries(root, redis);
                    if (entries.Count == 0 || !References(ack, entries))
                    {
                        return;
                    }

                    foreach (var op in root.DescendantsInSameFunction())
                    {
                        if (op.Syntax.SpanStart <= ack.Syntax.Span.End)
                        {
                            continue;
                        }

                        var processed = op switch
                        {
                            IInvocationOperation work => !redis.IsDatabase(work.TargetMethod.ContainingType) && References(work, entries),
                            IReturnOperation { ReturnedValue: { } value } => References(value, entries),
                            _ => false,
                        };
                        if (processed)
                        {
                            var read = FirstName(entries);
                            operationContext.ReportDiagnostic(Diagnostic.Create(
                                Descriptors.MSG3004_StreamAcknowledgedBeforeProcessing, ack.Syntax.GetLocation(), ack.DisplayReceiver() + "." + ack.TargetMethod.Name, read));
                            return;
                        }
                    }
                },
                OperationKind.Invocation);
        }

        /// <summary>Locals holding what StreamReadGroup returned, and foreach variables over them.</summary>
        private static HashSet<ILocalSymbol> ReadEntries(IOperation root, RedisLibrary redis)
        {
            var entries = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
            foreach (var op in root.DescendantsInSameFunction())
            {
                if (op is IInvocationOperation read && redis.IsDatabaseCommand(read.TargetMethod, "StreamReadGroup"))
                {
                    var value = read.WalkUpConversions().Parent is IAwaitOperation awaited ? awaited : (IOperation)read;
                    if (value.GetAssignedLocal() is { } local)
                    {
                        entries.Add(local);
                    }
                }
            }

            if (entries.Count == 0)
            {
                return entries;
            }

            foreach (var op in root.DescendantsInSameFunction())
            {
                if (op is IForEachLoopOperation loop && loop.Collection.SkipConversions() is ILocalReferenceOperation collection
                    && entries.Contains(collection.Local))
                {
                    foreach (var local in loop.Locals)
                    {
                        entries.Add(local);
                    }
                }
            }

            return entries;
        }

        private static bool References(IOperation operation, HashSet<ILocalSymbol> locals)
        {
            foreach (var op in operation.AllDescendantsAndSelf())
            {
                if (op is ILocalReferenceOperation reference && locals.Contains(reference.Local))
                {
                    return true;
                }
            }

            return false;
        }

        private static string FirstName(HashSet<ILocalSymbol> locals)
        {
            foreach (var local in locals)
            {
                return local.Name;
            }

            return "entries";
        }
    }
}
