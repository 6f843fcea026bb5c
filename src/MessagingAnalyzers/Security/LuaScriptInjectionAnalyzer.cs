using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Security
{
    /// <summary>
    /// MSG4004: ScriptEvaluate(Async), LuaScript.Prepare and Execute("EVAL", ...) whose script text is built
    /// from non-constant strings: interpolation, concatenation, string.Format/Concat/Join, StringBuilder output
    /// (through locals). Constants, const fields and static readonly literals are safe.
    /// </summary>
    public sealed class LuaScriptInjectionAnalyzer : MessagingAnalyzer
    {
        private const int MaxDepth = 3;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MSG4004_LuaScriptInjection);

        private protected override ClientLibraries RequiredLibraries => ClientLibraries.Redis;

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MessagingContext messaging)
        {
            var redis = messaging.Redis!;
            context.RegisterInvocationAction(
                ImmutableArray.Create("ScriptEvaluate", "ScriptEvaluateAsync", "Prepare", "Execute", "ExecuteAsync"),
                c =>
                {
                    var invocation = (IInvocationOperation)c.Operation;
                    var method = invocation.TargetMethod;
                    IOperation? script = null;
                    if (redis.IsDatabaseCommand(method, "ScriptEvaluate") && invocation.Arguments.Length > 0
                        && invocation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String)
                    {
                        script = invocation.Arguments[0].Value;
                    }
                    else if (method is { Name: "Prepare", ContainingType.Name: "LuaScript" } && invocation.Arguments.Length > 0)
                    {
                        script = invocation.Arguments[0].Value;
                    }
                    else if (Redis.RedisCommands.ExecutedCommand(invocation, redis) == "EVAL" && invocation.Arguments.Length > 1
                        && invocation.Arguments[1].Value is IArrayCreationOperation { Initializer.ElementValues.Length: > 0 } arguments)
                    {
                        script = arguments.Initializer.ElementValues[0];
                    }

                    var how = script is null ? null : HowBuilt(script, 0);
                    if (how is not null)
                    {
                        c.Report(Diagnostic.Create(Descriptors.MSG4004_LuaScriptInjection, invocation.Syntax.GetLocation(), invocation.DisplayReceiver() + "." + method.Name, how));
                    }
                });
        }

        /// <summary>How the text is built from data, or null when it is constant or not understood.</summary>
        private static string? HowBuilt(IOperation value, int depth)
        {
            value = value.SkipConversions();
            if (value.ConstantValue.HasValue || depth > MaxDepth)
            {
                return null;
            }

            switch (value)
            {
                case IInterpolatedStringOperation:
                    return "string interpolation";
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add }:
                    return "string concatenation";
                case IInvocationOperation { TargetMethod: { Name: "Format" or "Concat" or "Join", ContainingType.SpecialType: SpecialType.System_String } }:
                    return "string." + ((IInvocationOperation)value).TargetMethod.Name;
                case IInvocationOperation { TargetMethod: { Name: "ToString", ContainingType.Name: "StringBuilder" } }:
                    return "a StringBuilder";
                case IInvocationOperation { TargetMethod.Name: "Replace", Instance: { } instance }:
                    return HowBuilt(instance, depth + 1) ?? "string.Replace";
                case ILocalReferenceOperation local:
                    var initializer = Operations.GetLocalInitializer(value.GetFunctionRoot(), local.Local);
                    return initializer is null ? null : HowBuilt(initializer, depth + 1);
                case IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } field }:
                    foreach (var reference in field.DeclaringSyntaxReferences)
                    {
                        if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: LiteralExpressionSyntax })
                        {
                            return null;
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }
    }
}
