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
    /// a lock released with KeyDelete without reading its token first.
    /// </summary>
    public sealed class UnsafeLockAnalyzer : MessagingAnalyzer
    {
        private static readonly ImmutableArray<string> LockCommands = ImmutableArray.Create("LockTake", "LockRelease", "StringSet", "KeyDelete");

        private static readonly ImmutableArray<string> OwnerReads = ImmutableArray.Create("StringGet", "LockQuery", "ScriptEvaluate", "StringGetDelete");

        internal const string FixProperty = "Fix";
        internal const string FiniteExpiry = "FiniteExpiry";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG3007_UnsafeLock);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Redis;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var redis = messaging.Redis!;
            context.RegisterInvocationAction(
                InvocationActions.WithAsync(LockCommands),
                operationContext =>
                {
                    var call = (IInvocationOperation)operationContext.Operation;
                    var command = RedisLibrary.CommandOf(call.TargetMethod.Name, LockCommands);
                    if (command is null || !redis.IsDatabase(call.TargetMethod.ContainingType))
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
                            if (!InFinally(call) && TakesLockInSameFunction(call, redis))
                            {
                                Report(operationContext, call, "releases the lock outside a finally block, so an exception leaves it held until it expires", null, null);
                            }

                            break;

                        case "StringSet" when IsLockKey(call):
                            var when = call.GetArgument("when");
                            var hasNotExists = when is { IsImplicit: false } && when.Value.Syntax.ToString().Contains("NotExists");
                            var hasExpiry = call.GetArgument("expiry") is { IsImplicit: false } e && !(e.Value.SkipConversions().ConstantValue is { HasValue: true, Value: null });
                            if (!hasNotExists || !hasExpiry)
                            {
                                Report(operationContext, call, !hasNotExists
                                    ? "sets a lock key without When.NotExists, so a second owner overwrites the first one's lock"
                                    : "sets a lock key without an expiry, so a crashed owner holds it forever", null, null);
                            }

                            break;

                        case "KeyDelete" when IsLockKey(call) && !ChecksToken(call, redis):
                            Report(operationContext, call, "deletes the lock key without checking the owner's token, so it can release another owner's lock", null, null);
                            break;
                    }
                });
        }

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

        private static bool IsLockKey(IInvocationOperation call)
        {
            var key = ConstantText.Of(call.GetArgument("key")?.Value);
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
