using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers.CodeFixes
{
    /// <summary>StackExchange.Redis code that the fixes read and write.</summary>
    internal static class RedisSyntax
    {
        /// <summary>
        /// A <c>string</c> expression for a channel argument: the string the channel was made from
        /// (<c>"orders"</c>, <c>RedisChannel.Literal(name)</c>), else <c>channel.ToString()</c>.
        /// </summary>
        public static ExpressionSyntax ChannelName(IOperation channel)
        {
            var value = channel;
            while (value is IConversionOperation conversion)
            {
                if (conversion.Operand.Type?.SpecialType == SpecialType.System_String)
                {
                    return (ExpressionSyntax)conversion.Operand.Syntax.WithoutTrivia();
                }

                value = conversion.Operand;
            }

            switch (value)
            {
                case IInvocationOperation { TargetMethod.Name: "Literal" or "Pattern", Arguments.Length: 1 } literal
                    when literal.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String:
                    return (ExpressionSyntax)literal.Arguments[0].Value.Syntax.WithoutTrivia();
                case IObjectCreationOperation { Arguments.Length: >= 1 } creation
                    when creation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String:
                    return (ExpressionSyntax)creation.Arguments[0].Value.Syntax.WithoutTrivia();
            }

            var expression = (ExpressionSyntax)value.Syntax.WithoutTrivia();
            return SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Parenthesize(expression), SyntaxFactory.IdentifierName("ToString")));
        }

        /// <summary>
        /// An expression for the database of the multiplexer a subscriber came from: <c>mux.GetDatabase()</c>
        /// when the subscriber is <c>mux.GetSubscriber()</c>, else <c>subscriber.Multiplexer.GetDatabase()</c>;
        /// a database receiver is used as it is.
        /// </summary>
        public static ExpressionSyntax DatabaseFor(IOperation receiver, bool receiverIsDatabase)
        {
            var receiverSyntax = (ExpressionSyntax)receiver.Syntax.WithoutTrivia();
            if (receiverIsDatabase)
            {
                return receiverSyntax;
            }

            ExpressionSyntax multiplexer;
            if (receiver is IInvocationOperation { TargetMethod.Name: "GetSubscriber", Instance: { } instance })
            {
                multiplexer = (ExpressionSyntax)instance.Syntax.WithoutTrivia();
            }
            else
            {
                multiplexer = SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression, Parenthesize(receiverSyntax), SyntaxFactory.IdentifierName("Multiplexer"));
            }

            return SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Parenthesize(multiplexer), SyntaxFactory.IdentifierName("GetDatabase")));
        }

        private static ExpressionSyntax Parenthesize(ExpressionSyntax expression) =>
            expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ThisExpressionSyntax or ElementAccessExpressionSyntax
                ? expression
                : SyntaxFactory.ParenthesizedExpression(expression);
    }
}
