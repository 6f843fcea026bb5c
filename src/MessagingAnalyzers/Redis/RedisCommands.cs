using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.Redis
{
    /// <summary>Reading raw commands sent with <c>Execute/ExecuteAsync</c>.</summary>
    internal static class RedisCommands
    {
        /// <summary>The command name of <c>db.Execute("KEYS", ...)</c> in upper case, or null when it is not a constant.</summary>
        public static string? ExecutedCommand(IInvocationOperation invocation, RedisLibrary redis)
        {
            if (invocation.TargetMethod.Name is not ("Execute" or "ExecuteAsync")
                || !(redis.IsDatabase(invocation.TargetMethod.ContainingType) || redis.IsServer(invocation.TargetMethod.ContainingType))
                || invocation.Arguments.Length == 0)
            {
                return null;
            }

            return invocation.Arguments[0].Value.SkipConversions().ConstantValue.Value is string command
                ? command.Trim().ToUpperInvariant()
                : null;
        }

        /// <summary>True when a constant argument after the command equals <paramref name="word"/> (case-insensitive).</summary>
        public static bool HasWord(IInvocationOperation invocation, string word)
        {
            foreach (var op in invocation.AllDescendants())
            {
                if (op.ConstantValue.Value is string text && string.Equals(text.Trim(), word, System.StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
