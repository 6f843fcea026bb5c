using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers
{
    /// <summary>
    /// A text that is equal for two key expressions exactly when they name the same key in the forms people
    /// write: the same local/field/parameter, the same constant, the same interpolation of the same values, the
    /// same concatenation, the same call with the same arguments. Null when the expression is not understood.
    /// </summary>
    internal static class KeySignature
    {
        private const int MaxDepth = 5;

        /// <summary>
        /// The two key expressions may name the same key: the same constant text (holes included,
        /// <see cref="ConstantText"/>), the same <see cref="Of"/>, or either has no constant part the rule can read (a
        /// parameter, a value built elsewhere: in doubt, the same key). Used where a rule stays silent when another call
        /// on the same key may exist (a stream trimmed, deleted or acknowledged elsewhere).
        /// </summary>
        public static bool MayBeSame(IOperation first, IOperation second)
        {
            var firstText = ConstantText.Of(first);
            var secondText = ConstantText.Of(second);
            if (!firstText.HasConstantPart || !secondText.HasConstantPart || firstText.Display == secondText.Display)
            {
                return true;
            }

            return Of(first) is { } signature && signature == Of(second);
        }

        public static string? Of(IOperation? key)
        {
            if (key is null)
            {
                return null;
            }

            var builder = new StringBuilder();
            return Append(key, builder, 0) ? builder.ToString() : null;
        }

        private static bool Append(IOperation operation, StringBuilder builder, int depth)
        {
            if (depth > MaxDepth)
            {
                return false;
            }

            operation = operation.SkipConversions();
            if (operation.ConstantValue is { HasValue: true } constant)
            {
                builder.Append("c:").Append(constant.Value).Append(';');
                return true;
            }

            switch (operation)
            {
                case ILocalReferenceOperation local:
                    return AppendSymbol(local.Local, builder);
                case IParameterReferenceOperation parameter:
                    return AppendSymbol(parameter.Parameter, builder);
                case IFieldReferenceOperation field:
                    return (field.Instance is null || Append(field.Instance, builder, depth + 1)) && AppendSymbol(field.Field, builder);
                case IPropertyReferenceOperation { Arguments.Length: 0 } property:
                    return (property.Instance is null || Append(property.Instance, builder, depth + 1)) && AppendSymbol(property.Property, builder);
                case IInstanceReferenceOperation:
                    builder.Append("this;");
                    return true;
                case IInterpolatedStringOperation interpolated:
                    builder.Append("i(");
                    foreach (var part in interpolated.Parts)
                    {
                        var ok = part switch
                        {
                            IInterpolatedStringTextOperation text => Append(text.Text, builder, depth + 1),
                            IInterpolationOperation hole => Append(hole.Expression, builder, depth + 1),
                            _ => false,
                        };
                        if (!ok)
                        {
                            return false;
                        }
                    }

                    builder.Append(')');
                    return true;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add:
                    builder.Append("+(");
                    var result = Append(add.LeftOperand, builder, depth + 1) && Append(add.RightOperand, builder, depth + 1);
                    builder.Append(')');
                    return result;
                case IInvocationOperation invocation:
                    if (invocation.Instance is not null && !Append(invocation.Instance, builder, depth + 1))
                    {
                        return false;
                    }

                    builder.Append("m:").Append(invocation.TargetMethod.ToDisplayString()).Append('(');
                    foreach (var argument in invocation.Arguments)
                    {
                        if (!Append(argument.Value, builder, depth + 1))
                        {
                            return false;
                        }
                    }

                    builder.Append(')');
                    return true;
                default:
                    return false;
            }
        }

        private static bool AppendSymbol(ISymbol symbol, StringBuilder builder)
        {
            builder.Append("s:").Append(symbol.Kind).Append(':').Append(symbol.ToDisplayString()).Append('@')
                .Append(symbol.Locations.Length > 0 ? symbol.Locations[0].SourceSpan.Start : -1).Append(';');
            return true;
        }
    }
}
