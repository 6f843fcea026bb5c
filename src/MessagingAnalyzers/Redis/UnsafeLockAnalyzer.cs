using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Redis
{
    /// <summary>
    /// MSG3007: LockTake with an infinite expiry or a constant token; LockRelease outside a finally in a function
    /// that also takes the lock; a StringSet lock (a key with "lock") without When.NotExists or without expiry;
    /// a lock released with KeyDelete without reading its token first, where the key says it is a lock or was set in
    /// the same function with <c>When.NotExists</c> and a constant or non-unique value; a release script (Lua) that
    /// deletes the lock without comparing anything. Test code is not reported, nor a LockRelease outside a finally in a
    /// function that hands the lock's token or key to its caller (a lease released later, elsewhere).
    /// </summary>
    public sealed class UnsafeLockAnalyzer : MessagingAnalyzer
    {
        private static readonly ImmutableArray<string> LockCommands = ImmutableArray.Create("LockTake", "LockRelease", "StringSet", "KeyDelete");

        private static readonly ImmutableArray<string> OwnerReads = ImmutableArray.Create("StringGet", "LockQuery", "ScriptEvaluate", "StringGetDelete");

        /// <summary>The calls the rule looks at: the lock commands (and their Async twins) and the calls that send a Lua script.</summary>
        private static readonly ImmutableArray<string> Calls = InvocationActions.WithAsync(LockCommands).AddRange(LuaScripts.ScriptCalls);

        /// <summary>A StringSet in the function: only then is the function walked for a lock set with When.NotExists.</summary>
        private static readonly NameScan StringSetNames = new(new[] { "StringSet", "StringSetAsync" });

        /// <summary>Words of a method or script name that says it releases a lock.</summary>
        private static readonly ImmutableArray<string> ReleaseWords = ImmutableArray.Create("release", "unlock");

        internal const string FixProperty = "Fix";
        internal const string FiniteExpiry = "FiniteExpiry";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG3007_UnsafeLock);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Redis;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var redis = messaging.Redis!;
            context.RegisterInvocationAction(
                Calls,
                operationContext =>
                {
                    var call = (IInvocationOperation)operationContext.Operation;
                    var command = RedisLibrary.CommandOf(call.TargetMethod.Name, LockCommands);
                    if (command is null)
                    {
                        if (LuaScripts.TextOf(call, redis) is { } script && DeletesWithoutComparing(script) && IsReleaseScript(call, operationContext.ContainingSymbol, redis))
                        {
                            Report(operationContext, call, "runs a release script that deletes the lock without comparing the owner's token, so it can release another owner's lock", null, null);
                        }

                        return;
                    }

                    if (!redis.IsDatabase(call.TargetMethod.ContainingType))
                    {
                        return;
                    }

                    switch (command)
                    {
                        case "LockTake":
                            if (call.GetArgument("expiry") is { } expiry && IsInfinite(expiry.Value))
                            {
                                Report(operationContext, call, "takes the lock with an infinite expiry, so a crashed owner holds it forever", expiry.Value, FiniteExpiry);
                            }
                            else if (call.GetArgument("value") is { } token && IsConstantToken(token.Value))
                            {
                                Report(operationContext, call, $"uses the constant token {token.Value.Syntax} for every caller, so one owner can release another's lock", null, null);
                            }

                            break;

                        case "LockRelease":
                            if (!InFinally(call) && TakesLockInSameFunction(call, redis) && !LockOutlivesFunction(call))
                            {
                                Report(operationContext, call, "releases the lock outside a finally block, so an exception leaves it held until it expires", null, null);
                            }

                            break;

                        case "StringSet" when IsLockKey(call):
                            var hasNotExists = HasNotExists(call);
                            var hasExpiry = call.GetArgument("expiry") is { IsImplicit: false } e && !(e.Value.SkipConversions().ConstantValue is { HasValue: true, Value: null });
                            if (!hasNotExists || !hasExpiry)
                            {
                                Report(operationContext, call, !hasNotExists
                                    ? "sets a lock key without When.NotExists, so a second owner overwrites the first one's lock"
                                    : "sets a lock key without an expiry, so a crashed owner holds it forever", null, null);
                            }

                            break;

                        case "KeyDelete":
                            if (LockSetWithSharedValue(call, redis) is { } shared && !ChecksToken(call, redis))
                            {
                                Report(operationContext, call, $"deletes the lock '{shared.Set}' took with the value {shared.Value}, the same for every owner, without comparing the token, so it can release another owner's lock", null, null);
                            }
                            else if (IsLockKey(call) && !ChecksToken(call, redis))
                            {
                                Report(operationContext, call, "deletes the lock key without checking the owner's token, so it can release another owner's lock", null, null);
                            }

                            break;
                    }
                });
        }

        /// <summary>The StringSet passes <c>When.NotExists</c> (SET NX: the shape of a lock).</summary>
        private static bool HasNotExists(IInvocationOperation call) =>
            call.GetArgument("when") is { IsImplicit: false } when && when.Value.Syntax.ToString().Contains("NotExists");

        /// <summary>
        /// The StringSet of the same function that took the key <paramref name="delete"/> deletes as a lock
        /// (<c>When.NotExists</c>) with a value that is the same for every owner (a constant, a machine or process id, a
        /// timestamp), and that value's text; null when there is none (or the keys are not understood).
        /// </summary>
        private static (string Set, string Value)? LockSetWithSharedValue(IInvocationOperation delete, RedisLibrary redis)
        {
            var function = delete.GetFunctionRoot();
            if (!StringSetNames.AnyIn(function.Syntax) || KeySignature.Of(delete.GetArgument("key")?.Value) is not { } key)
            {
                return null;
            }

            foreach (var op in function.DescendantsInSameFunction())
            {
                if (op is IInvocationOperation set
                    && redis.IsDatabaseCommand(set.TargetMethod, "StringSet")
                    && HasNotExists(set)
                    && set.GetArgument("value") is { } value
                    && IsSharedValue(value.Value)
                    && KeySignature.Of(set.GetArgument("key")?.Value) == key)
                {
                    return (set.DisplayReceiver() + "." + set.TargetMethod.Name, value.Value.SkipConversions().Syntax.ToString());
                }
            }

            return null;
        }

        /// <summary>A value every owner writes alike: a constant token, a machine or process id, a thread id, a timestamp.</summary>
        private static bool IsSharedValue(IOperation value)
        {
            value = value.SkipConversions();
            if (IsConstantToken(value))
            {
                return true;
            }

            // DateTime.UtcNow.Ticks, DateTime.UtcNow.ToString("O"): the same stamp can be written by two owners.
            for (var depth = 0; depth < 3; depth++)
            {
                var inner = value switch
                {
                    IPropertyReferenceOperation { Property.Name: "Ticks" or "Date", Instance: { } instance } => instance,
                    IInvocationOperation { TargetMethod.Name: "ToString", Instance: { } instance } => instance,
                    _ => null,
                };
                if (inner is null)
                {
                    break;
                }

                value = inner.SkipConversions();
            }

            return value switch
            {
                IPropertyReferenceOperation { Property: { Name: "ProcessId", ContainingType.Name: "Environment" } } => true,
                IPropertyReferenceOperation { Property: { Name: "ManagedThreadId", ContainingType.Name: "Thread" } } => true,
                IPropertyReferenceOperation { Property: { Name: "CurrentManagedThreadId", ContainingType.Name: "Environment" } } => true,
                IPropertyReferenceOperation { Property: { Name: "Now" or "UtcNow", ContainingType.Name: "DateTime" or "DateTimeOffset" } } => true,
                _ => false,
            };
        }

        /// <summary>A script that deletes (DEL/UNLINK) and compares nothing: it cannot check whose lock it deletes.</summary>
        private static bool DeletesWithoutComparing(string script) =>
            (LuaScripts.Calls(script, "DEL") || LuaScripts.Calls(script, "UNLINK")) && !LuaScripts.Compares(script);

        /// <summary>
        /// The script releases a lock: the method, or the field or local that holds the script, says release/unlock, or a
        /// key passed to it says lock/mutex.
        /// </summary>
        private static bool IsReleaseScript(IInvocationOperation call, ISymbol owner, RedisLibrary redis)
        {
            if (Says(owner.Name, ReleaseWords))
            {
                return true;
            }

            var script = LuaScripts.ScriptOf(call, redis) is { } s ? s.SkipConversions() : null;
            var scriptName = script switch
            {
                IFieldReferenceOperation field => field.Field.Name,
                ILocalReferenceOperation local => local.Local.Name,
                IPropertyReferenceOperation property => property.Property.Name,
                _ => null,
            };
            if (scriptName is not null && (Says(scriptName, ReleaseWords) || Says(scriptName, LockWords)))
            {
                return true;
            }

            if (call.GetArgument("keys")?.Value.SkipConversions() is IArrayCreationOperation { Initializer: { } keys })
            {
                foreach (var key in keys.ElementValues)
                {
                    if (IsLockText(ConstantText.Of(key)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool Says(string name, ImmutableArray<string> stems) => Words.FindStem(Words.Split(name), stems, allowInfix: false) is not null;

        private static void Report(OperationAnalysisContext context, IInvocationOperation call, string problem, IOperation? fixTarget, string? fix)
        {
            context.Report(Diagnostic.Create(
                Descriptors.MSG3007_UnsafeLock,
                call.Syntax.GetLocation(),
                additionalLocations: fixTarget is null ? null : new[] { fixTarget.Syntax.GetLocation() },
                properties: fix is null ? null : ImmutableDictionary<string, string?>.Empty.Add(FixProperty, fix),
                call.DisplayReceiver() + "." + call.TargetMethod.Name,
                problem));
        }

        private static bool IsInfinite(IOperation expiry)
        {
            expiry = expiry.SkipConversions();
            return expiry switch
            {
                IFieldReferenceOperation { Field: { Name: "MaxValue", ContainingType.Name: "TimeSpan" } } => true,
                IFieldReferenceOperation { Field: { Name: "InfiniteTimeSpan", ContainingType.Name: "Timeout" } } => true,
                IInvocationOperation { TargetMethod: { Name: "FromDays", ContainingType.Name: "TimeSpan" } } days
                    when days.Arguments.Length == 1 && days.Arguments[0].Value.ConstantValue.Value is { } value && System.Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture) >= 365 => true,
                _ => false,
            };
        }

        /// <summary>A literal or constant, or a static readonly field initialized with a literal.</summary>
        private static bool IsConstantToken(IOperation token)
        {
            token = token.SkipConversions();
            if (token.ConstantValue.HasValue)
            {
                return true;
            }

            if (token is IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } field })
            {
                foreach (var reference in field.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: LiteralExpressionSyntax })
                    {
                        return true;
                    }
                }
            }

            return token is IPropertyReferenceOperation { Property: { Name: "MachineName", ContainingType.Name: "Environment" } };
        }

        private static bool InFinally(IOperation call)
        {
            IOperation child = call;
            for (var parent = call.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                if (parent is ITryOperation @try && @try.Finally == child)
                {
                    return true;
                }

                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>
        /// A lease: the token or the key of the released lock leaves the function (returned, alone or in a tuple or an
        /// object built from it; stored in a field or property; passed out through an out/ref parameter). The lock is
        /// meant to outlive the method and the caller releases it; a release here is the path that gives up early.
        /// </summary>
        private static bool LockOutlivesFunction(IInvocationOperation release)
        {
            var root = release.GetFunctionRoot();
            return Escapes(RootLocal(release.GetArgument("value")?.Value), root, depth: 0)
                || Escapes(RootLocal(release.GetArgument("key")?.Value), root, depth: 0);
        }

        /// <summary>The local a value is read from, directly or through members of it (<c>path.LockKey</c>); null otherwise.</summary>
        private static ILocalSymbol? RootLocal(IOperation? value)
        {
            for (var depth = 0; value is not null && depth < 4; depth++)
            {
                switch (value.SkipConversions())
                {
                    case ILocalReferenceOperation local:
                        return local.Local;
                    case IPropertyReferenceOperation { Instance: { } instance }:
                        value = instance;
                        break;
                    case IFieldReferenceOperation { Instance: { } instance }:
                        value = instance;
                        break;
                    default:
                        return null;
                }
            }

            return null;
        }

        private static bool Escapes(ILocalSymbol? local, IOperation root, int depth)
        {
            if (local is null || depth > 2)
            {
                return false;
            }

            foreach (var op in root.DescendantsInSameFunction())
            {
                if (op is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                    && LeavesFunction(reference, root, depth))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool LeavesFunction(IOperation value, IOperation root, int depth)
        {
            for (var step = 0; step < 4; step++)
            {
                var use = value.WalkUpConversions();
                switch (use.Parent)
                {
                    case IReturnOperation:
                        return true;
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                        return Escapes(declarator.Symbol, root, depth + 1);
                    case IArgumentOperation { Parent: IObjectCreationOperation creation }:
                        value = creation;
                        break;
                    case ITupleOperation tuple:
                        value = tuple;
                        break;
                    case ISimpleAssignmentOperation assignment when assignment.Value.WalkUpConversions() == use:
                        switch (assignment.Target)
                        {
                            case IPropertyReferenceOperation or IFieldReferenceOperation when assignment.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation holder }:
                                value = holder;
                                break;
                            case IPropertyReferenceOperation { Instance: { } instance } when instance.SkipConversions() is ILocalReferenceOperation target:
                                return Escapes(target.Local, root, depth + 1);
                            case IFieldReferenceOperation { Instance: { } instance } when instance.SkipConversions() is ILocalReferenceOperation target:
                                return Escapes(target.Local, root, depth + 1);
                            case IFieldReferenceOperation or IPropertyReferenceOperation:
                                return true;
                            case IParameterReferenceOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref }:
                                return true;
                            case ILocalReferenceOperation target:
                                return Escapes(target.Local, root, depth + 1);
                            default:
                                return false;
                        }

                        break;
                    default:
                        return false;
                }
            }

            return false;
        }

        private static bool TakesLockInSameFunction(IOperation call, RedisLibrary redis)
        {
            foreach (var op in call.GetFunctionRoot().DescendantsInSameFunction())
            {
                if (op is IInvocationOperation take && redis.IsDatabaseCommand(take.TargetMethod, "LockTake"))
                {
                    return true;
                }
            }

            return false;
        }

        private static readonly ImmutableArray<string> LockWords = ImmutableArray.Create("lock", "mutex");

        private static bool IsLockKey(IInvocationOperation call) => IsLockText(ConstantText.Of(call.GetArgument("key")?.Value));

        private static bool IsLockText(ConstantText key)
        {
            // A word starting with "lock" or "mutex" needs the text to contain one of them: most keys do not, and are
            // answered without splitting them into words.
            return key.HasConstantPart
                && (key.Display.IndexOf("lock", System.StringComparison.OrdinalIgnoreCase) >= 0 || key.Display.IndexOf("mutex", System.StringComparison.OrdinalIgnoreCase) >= 0)
                && Words.FindStem(Words.Split(key.Display), LockWords, allowInfix: false) is not null;
        }

        /// <summary>The function reads the lock's value (StringGet/LockQuery) or runs a script before deleting.</summary>
        private static bool ChecksToken(IOperation call, RedisLibrary redis)
        {
            foreach (var op in call.GetFunctionRoot().DescendantsInSameFunction())
            {
                if (op is IInvocationOperation read && redis.IsDatabaseCommand(read.TargetMethod, OwnerReads))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
