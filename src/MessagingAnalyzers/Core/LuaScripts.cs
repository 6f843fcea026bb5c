using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers
{
    /// <summary>
    /// Reading the Lua scripts an application sends to Redis: <c>ScriptEvaluate(Async)(string, ...)</c>,
    /// <c>LuaScript.Prepare(string)</c> and <c>Execute("EVAL", script, ...)</c>, and the commands the script text runs
    /// (<c>redis.call('KEYS', ...)</c>). Only the constant parts of the text are read (<see cref="ConstantText"/>).
    /// </summary>
    internal static class LuaScripts
    {
        /// <summary>The names of the calls <see cref="ScriptOf"/> reads (for <see cref="InvocationActions"/>).</summary>
        public static readonly System.Collections.Immutable.ImmutableArray<string> ScriptCalls =
            System.Collections.Immutable.ImmutableArray.Create("ScriptEvaluate", "ScriptEvaluateAsync", "Prepare", "Execute", "ExecuteAsync");

        /// <summary>The script text argument of the call, or null when the call sends no script text.</summary>
        public static IOperation? ScriptOf(IInvocationOperation invocation, RedisLibrary redis)
        {
            var method = invocation.TargetMethod;
            if (invocation.Arguments.Length == 0)
            {
                return null;
            }

            if (method.Name is "ScriptEvaluate" or "ScriptEvaluateAsync" && redis.IsDatabase(method.ContainingType))
            {
                var first = invocation.Arguments[0].Value;
                return first.Type?.SpecialType == SpecialType.System_String ? first : null;
            }

            if (method is { Name: "Prepare", IsStatic: true, ContainingType.Name: "LuaScript" } && Symbols.IsNamespace(method.ContainingNamespace, "StackExchange.Redis"))
            {
                return invocation.Arguments[0].Value;
            }

            if (method.Name is "Execute" or "ExecuteAsync" && invocation.Arguments.Length > 1
                && (redis.IsDatabase(method.ContainingType) || redis.IsServer(method.ContainingType))
                && invocation.Arguments[0].Value.SkipConversions().ConstantValue.Value is string command
                && string.Equals(command.Trim(), "EVAL", StringComparison.OrdinalIgnoreCase)
                && invocation.Arguments[1].Value is IArrayCreationOperation { Initializer.ElementValues.Length: > 0 } arguments)
            {
                return arguments.Initializer.ElementValues[0];
            }

            return null;
        }

        /// <summary>The constant text of the script sent by the call (holes as <c>{…}</c>), or null when none is known.</summary>
        public static string? TextOf(IInvocationOperation invocation, RedisLibrary redis)
        {
            var script = ScriptOf(invocation, redis);
            if (script is null)
            {
                return null;
            }

            var text = ConstantText.Of(script);
            return text.HasConstantPart ? text.Display : null;
        }

        /// <summary>
        /// The script calls <paramref name="command"/> through <c>redis.call</c> or <c>redis.pcall</c> with the command
        /// name as a string literal (case-insensitive): <c>redis.call('KEYS', ARGV[1])</c>.
        /// </summary>
        public static bool Calls(string script, string command)
        {
            var index = 0;
            while ((index = script.IndexOf("redis.", index, StringComparison.Ordinal)) >= 0)
            {
                index += "redis.".Length;
                var i = index;
                if (Skip(script, ref i, "pcall") || Skip(script, ref i, "call"))
                {
                    SkipSpaces(script, ref i);
                    if (i < script.Length && script[i] == '(')
                    {
                        i++;
                        SkipSpaces(script, ref i);
                        if (i < script.Length && script[i] is '\'' or '"')
                        {
                            var quote = script[i];
                            i++;
                            if (string.Compare(script, i, command, 0, command.Length, StringComparison.OrdinalIgnoreCase) == 0
                                && i + command.Length < script.Length && script[i + command.Length] == quote)
                            {
                                return true;
                            }
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>The script compares values (<c>==</c> or <c>~=</c>): a release script that compares nothing cannot check a token.</summary>
        public static bool Compares(string script) =>
            script.IndexOf("==", StringComparison.Ordinal) >= 0 || script.IndexOf("~=", StringComparison.Ordinal) >= 0;

        private static bool Skip(string text, ref int index, string word)
        {
            if (string.CompareOrdinal(text, index, word, 0, word.Length) == 0)
            {
                index += word.Length;
                return true;
            }

            return false;
        }

        private static void SkipSpaces(string text, ref int index)
        {
            while (index < text.Length && char.IsWhiteSpace(text[index]))
            {
                index++;
            }
        }
    }
}
