using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Redis
{
    /// <summary>
    /// MSG3005: StreamAdd without maxLength/minId/options, reported at the end of the compilation unless the stream is
    /// bounded elsewhere: anything in the compilation calls StreamTrim*, or the type that adds also deletes the stream
    /// (KeyDelete/KeyUnlink) or deletes its entries (StreamDelete, after acknowledging them). Keys are compared by
    /// <see cref="KeySignature"/> or by their constant text; a key that is not understood may be the stream (silent).
    /// A dead-letter stream (its name, or the field or local that holds it, says dead/dlq/failed) is reported with a
    /// message that says its retention is deliberate.
    /// </summary>
    public sealed class StreamGrowsUnboundedAnalyzer : MessagingAnalyzer
    {
        private static readonly ImmutableArray<string> Calls = InvocationActions.WithAsync("StreamAdd", "StreamTrim", "StreamTrimByMinId", "StreamDelete", "KeyDelete", "KeyUnlink");

        private static readonly ImmutableArray<string> Removals = ImmutableArray.Create("StreamDelete", "KeyDelete", "KeyUnlink");

        private static readonly ImmutableArray<string> DeadLetterWords = ImmutableArray.Create("dead", "dlq", "failed");

        private const string Grows = "the stream grows until Redis runs out of memory. Pass maxLength (with useApproximateMaxLength: true), or trim it with StreamTrim";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG3005_StreamGrowsUnbounded);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Redis;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var redis = messaging.Redis!;
            var adds = new ConcurrentQueue<(INamedTypeSymbol? Type, IInvocationOperation Add)>();
            var removals = new ConcurrentQueue<(INamedTypeSymbol? Type, IInvocationOperation Removal)>();
            var trimmed = 0;
            context.RegisterInvocationAction(
                Calls,
                operationContext =>
                {
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    var method = invocation.TargetMethod;
                    if (!redis.IsDatabase(method.ContainingType))
                    {
                        return;
                    }

                    var type = operationContext.ContainingSymbol.ContainingType;
                    if (RedisLibrary.IsCommandName(method.Name, "StreamTrim") || RedisLibrary.IsCommandName(method.Name, "StreamTrimByMinId"))
                    {
                        Interlocked.Exchange(ref trimmed, 1);
                    }
                    else if (RedisLibrary.IsCommandName(method.Name, "StreamAdd"))
                    {
                        if (!IsCapped(invocation) && !AddsAFixedNumber(invocation, operationContext.ContainingSymbol, redis))
                        {
                            adds.Enqueue((type, invocation));
                        }
                    }
                    else if (RedisLibrary.CommandOf(method.Name, Removals) is not null)
                    {
                        removals.Enqueue((type, invocation));
                    }
                });
            context.RegisterCompilationEndAction(end =>
            {
                if (Volatile.Read(ref trimmed) != 0)
                {
                    return;
                }

                foreach (var (type, add) in adds)
                {
                    var key = add.GetArgument("key")?.Value;
                    if (key is null || IsRemovedInType(key, type, removals))
                    {
                        continue;
                    }

                    var deadLetter = IsDeadLetter(key);
                    end.Report(Diagnostic.Create(
                        Descriptors.MSG3005_StreamGrowsUnbounded,
                        add.Syntax.GetLocation(),
                        add.DisplayReceiver() + "." + add.TargetMethod.Name,
                        deadLetter ? "the dead-letter stream '" + StreamName(key) + "'" : "the stream",
                        deadLetter
                            ? "a dead-letter stream keeps its failed entries on purpose, so its retention is deliberate, but nothing removes them once they are handled and it grows without bound. Cap it with a generous maxLength, or delete entries (StreamDelete) once they are replayed or inspected"
                            : Grows));
                }
            });
        }

        /// <summary>The type that adds also deletes the stream, or deletes entries of it.</summary>
        private static bool IsRemovedInType(IOperation key, INamedTypeSymbol? type, ConcurrentQueue<(INamedTypeSymbol? Type, IInvocationOperation Removal)> removals)
        {
            if (type is null)
            {
                return false;
            }

            foreach (var (removalType, removal) in removals)
            {
                if (!SymbolEqualityComparer.Default.Equals(removalType, type))
                {
                    continue;
                }

                if (removal.GetArgument("key") is { } single)
                {
                    if (KeySignature.MayBeSame(key, single.Value))
                    {
                        return true;
                    }
                }
                else if (removal.GetArgument("keys")?.Value.SkipConversions() is IArrayCreationOperation { Initializer: { } keys })
                {
                    foreach (var element in keys.ElementValues)
                    {
                        if (KeySignature.MayBeSame(key, element))
                        {
                            return true;
                        }
                    }
                }
                else
                {
                    // Keys the rule cannot read (a collection built elsewhere): the stream may be among them.
                    return true;
                }
            }

            return false;
        }

        /// <summary>The stream's name as far as it is constant, else the expression that holds it.</summary>
        private static string StreamName(IOperation key)
        {
            var text = ConstantText.Of(key);
            return text.HasConstantPart ? text.Display : key.SkipConversions().Syntax.ToString();
        }

        /// <summary>The stream's name, or the field, property or local that holds it, says dead/dlq/failed.</summary>
        private static bool IsDeadLetter(IOperation key)
        {
            var text = ConstantText.Of(key);
            if (text.HasConstantPart && Words.FindStem(Words.Split(text.Display), DeadLetterWords, allowInfix: false) is not null)
            {
                return true;
            }

            var name = key.SkipConversions() switch
            {
                IFieldReferenceOperation field => field.Field.Name,
                IPropertyReferenceOperation property => property.Property.Name,
                ILocalReferenceOperation local => local.Local.Name,
                IParameterReferenceOperation parameter => parameter.Parameter.Name,
                _ => null,
            };
            return name is not null && Words.FindStem(Words.Split(name), DeadLetterWords, allowInfix: false) is not null;
        }

        /// <summary>
        /// The add cannot grow the stream without bound: a bootstrap entry added only when the key does not exist yet
        /// (<c>if (!db.KeyExists(stream)) db.StreamAdd(stream, ...)</c>, so that a consumer group can be created), or
        /// a console program (Main, top-level statements) that adds a fixed number of entries (no loop, or <c>for</c>
        /// loops with constant bounds) and exits.
        /// </summary>
        private static bool AddsAFixedNumber(IInvocationOperation add, ISymbol owner, RedisLibrary redis)
        {
            var key = add.GetArgument("key")?.Value;
            if (key is not null && add.GetEnclosingLoop() is null && IsGuardedByKeyExists(add, key, redis))
            {
                return true;
            }

            if (!CodeContext.IsEntryPoint(owner))
            {
                return false;
            }

            var loops = 0;
            for (var loop = add.GetEnclosingLoop(); loop is not null; loop = loop.GetEnclosingLoop())
            {
                if (loop is not IForLoopOperation { Condition: IBinaryOperation { RightOperand.ConstantValue.HasValue: true } })
                {
                    return false;
                }

                loops++;
            }

            return loops > 0;
        }

        /// <summary>An enclosing <c>if</c> whose condition reads <c>KeyExists</c> of the same key (directly or through a local).</summary>
        private static bool IsGuardedByKeyExists(IOperation add, IOperation key, RedisLibrary redis)
        {
            for (var op = add.Parent; op is not null && op is not (IAnonymousFunctionOperation or ILocalFunctionOperation or IMethodBodyBaseOperation); op = op.Parent)
            {
                if (op is not IConditionalOperation conditional)
                {
                    continue;
                }

                foreach (var part in conditional.Condition.AllDescendantsAndSelf())
                {
                    var exists = part switch
                    {
                        IInvocationOperation call => call,
                        ILocalReferenceOperation local => InitializerOf(local.Local, conditional),
                        _ => null,
                    };
                    if (exists is not null && redis.IsDatabaseCommand(exists.TargetMethod, "KeyExists")
                        && exists.GetArgument("key")?.Value is { } checkedKey && KeySignature.MayBeSame(key, checkedKey))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The invocation a local was initialised with, looked up in the function that holds <paramref name="within"/>.</summary>
        private static IInvocationOperation? InitializerOf(ILocalSymbol local, IOperation within)
        {
            foreach (var op in within.GetFunctionRoot().DescendantsInSameFunction())
            {
                if (op is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
                {
                    var value = declarator.Initializer?.Value.SkipConversions();
                    return (value is IAwaitOperation awaited ? awaited.Operation.SkipConversions() : value) as IInvocationOperation;
                }
            }

            return null;
        }

        private static bool IsCapped(IInvocationOperation add)
        {
            foreach (var argument in add.Arguments)
            {
                if (argument.Parameter?.Name is "maxLength" or "minId" or "options" or "limit"
                    && !argument.IsImplicit
                    && !(argument.Value.SkipConversions().ConstantValue is { HasValue: true, Value: null }))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
