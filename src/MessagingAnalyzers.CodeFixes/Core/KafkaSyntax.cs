using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MessagingAnalyzers.CodeFixes
{
    /// <summary>Confluent.Kafka code that the fixes write.</summary>
    internal static class KafkaSyntax
    {
        /// <summary>
        /// A delivery handler that reports failed deliveries instead of dropping them silently:
        /// <c>report =&gt; { if (report.Error.IsError) Trace.TraceError(...); }</c>, laid out for a
        /// statement indented with <paramref name="indent"/>.
        /// </summary>
        public static ExpressionSyntax DeliveryHandler(string parameterName, SyntaxNode statement)
        {
            var p = parameterName;
            var indent = SyntaxHelpers.GetIndentation(statement);
            var nl = SyntaxHelpers.GetNewLine(statement);
            var text =
                p + " =>" + nl +
                indent + "{" + nl +
                indent + "    if (" + p + ".Error.IsError)" + nl +
                indent + "    {" + nl +
                indent + "        System.Diagnostics.Trace.TraceError($\"Kafka delivery to {" + p + ".TopicPartition} failed: {" + p + ".Error.Reason}\");" + nl +
                indent + "    }" + nl +
                indent + "}";
            return SyntaxFactory.ParseExpression(text);
        }
    }
}
