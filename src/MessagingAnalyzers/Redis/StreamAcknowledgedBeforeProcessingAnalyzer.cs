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
            context.RegisterInvocationAction(
                InvocationActions.WithAsync(Acknowledgements),
                operationContext =>
                {
                    var ack = (IInvocationOperation)operationContext.Operation;
                    if (!redis.IsDatabaseCommand(ack.TargetMethod, Acknowledgements))
                    {
                        return;
                    }

                    var root = ack.GetFunctionRoot();
                    var entries = ReadEntries(root, redis);
                    if (entries.Count == 0 || !(References(ack, entries) || References(ack, IdsOf(root, entries))))
                    {
                        return;
                    }

                    foreach (var op in root.DescendantsInSameFunction())
                    {
                        if (op.Syntax.SpanStart <= ack.Syntax.Span.End)
                        {
                            continue;
                        }

                        // Logging them, or counting them, is not processing them.
                        var processed = op switch
                        {
                            IInvocationOperation work => !redis.IsDatabase(work.TargetMethod.ContainingType) && !CodeContext.IsLogging(work.TargetMethod)
                                && References(work, entries, ignoreCounts: true),
                            IReturnOperation { ReturnedValue: { } value } => References(value, entries, ignoreCounts: true),
                            _ => false,
                        };
                        if (processed)
                        {
                            var read = FirstName(entries);
                            operationContext.Report(Diagnostic.Create(
                                Descriptors.MSG3004_StreamAcknowledgedBeforeProcessing, ack.Syntax.GetLocation(), ack.DisplayReceiver() + "." + ack.TargetMethod.Name, read));
                            return;
                        }
                    }
                });
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

        /// <summary>
        /// Locals filled from the entries (their ids, collected before the acknowledgement):
        /// <c>var ids = entries.Select(e =&gt; e.Id).ToArray()</c>, <c>ids[i] = entries[i].Id</c>, <c>ids.Add(entry.Id)</c>.
        /// Only to tell which entries an acknowledgement acknowledges; using them is not processing the entries.
        /// </summary>
        private static HashSet<ILocalSymbol> IdsOf(IOperation root, HashSet<ILocalSymbol> entries)
        {
            var ids = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
            foreach (var op in root.DescendantsInSameFunction())
            {
                switch (op)
                {
                    case IVariableDeclaratorOperation { Initializer.Value: { } value } declarator when References(value, entries):
                        ids.Add(declarator.Symbol);
                        break;
                    case ISimpleAssignmentOperation { Target: IArrayElementReferenceOperation { ArrayReference: ILocalReferenceOperation array } } assignment
                        when References(assignment.Value, entries):
                        ids.Add(array.Local);
                        break;
                    case IInvocationOperation { TargetMethod.Name: "Add", Instance: ILocalReferenceOperation list } add when References(add, entries):
                        ids.Add(list.Local);
                        break;
                }
            }

            ids.ExceptWith(entries);
            return ids;
        }

        /// <summary>
        /// <paramref name="operation"/> reads one of <paramref name="locals"/>; with <paramref name="ignoreCounts"/>, only
        /// for what it holds, not for how many there are (<c>entries.Length</c>).
        /// </summary>
        private static bool References(IOperation operation, HashSet<ILocalSymbol> locals, bool ignoreCounts = false)
        {
            foreach (var op in operation.AllDescendantsAndSelf())
            {
                if (op is ILocalReferenceOperation reference && locals.Contains(reference.Local)
                    && !(ignoreCounts && reference.WalkUpConversions().Parent is IPropertyReferenceOperation { Property.Name: "Length" or "Count" }))
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
