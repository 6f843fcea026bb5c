using System.Collections.Immutable;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers
{
    /// <summary>
    /// The constant text of a name (channel, topic, key) as far as it can be seen: literals, constants,
    /// interpolations (their constant parts), concatenations, <c>RedisChannel.Literal/Pattern</c>,
    /// locals initialized in the same function, and static readonly fields with a literal initializer.
    /// Holes are kept as <c>{…}</c> in the display text.
    /// </summary>
    internal readonly struct ConstantText
    {
        private const int MaxDepth = 4;

        private ConstantText(string display, bool hasConstantPart)
        {
            Display = display;
            HasConstantPart = hasConstantPart;
        }

        /// <summary>The text with unknown parts shown as <c>{…}</c>.</summary>
        public string Display { get; }

        /// <summary>At least one part of the text is known.</summary>
        public bool HasConstantPart { get; }

        public static ConstantText Of(IOperation? operation)
        {
            if (operation is null)
            {
                return default;
            }

            var builder = new StringBuilder();
            var known = Append(operation, builder, 0);
            return new ConstantText(builder.ToString(), known);
        }

        private static bool Append(IOperation operation, StringBuilder builder, int depth)
        {
            operation = operation.SkipConversions();
            if (operation.ConstantValue is { HasValue: true, Value: string text })
            {
                builder.Append(text);
                return true;
            }

            if (depth > MaxDepth)
            {
                return Hole(builder);
            }

            switch (operation)
            {
                case IInterpolatedStringOperation interpolated:
                    var any = false;
                    foreach (var part in interpolated.Parts)
                    {
                        if (part is IInterpolatedStringTextOperation textPart)
                        {
                            any |= Append(textPart.Text, builder, depth + 1);
                        }
                        else
                        {
                            Hole(builder);
                        }
                    }

                    return any;

                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                    var left = Append(binary.LeftOperand, builder, depth + 1);
                    var right = Append(binary.RightOperand, builder, depth + 1);
                    return left || right;

                case IInvocationOperation { TargetMethod.Name: "Literal" or "Pattern", Arguments.Length: 1 } invocation
                    when invocation.TargetMethod.ContainingType.Name == "RedisChannel":
                    return Append(invocation.Arguments[0].Value, builder, depth + 1);

                case IObjectCreationOperation { Arguments.Length: >= 1 } creation
                    when creation.Type?.Name == "RedisChannel":
                    return Append(creation.Arguments[0].Value, builder, depth + 1);

                case ILocalReferenceOperation local:
                    var initializer = Operations.GetLocalInitializer(operation.GetFunctionRoot(), local.Local);
                    return initializer is not null ? Append(initializer, builder, depth + 1) : Hole(builder);

                case IFieldReferenceOperation { Field: { IsReadOnly: true } field }:
                    foreach (var reference in field.DeclaringSyntaxReferences)
                    {
                        if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: LiteralExpressionSyntax literal }
                            && literal.Token.Value is string value)
                        {
                            builder.Append(value);
                            return true;
                        }
                    }

                    return Hole(builder);

                default:
                    return Hole(builder);
            }
        }

        private static bool Hole(StringBuilder builder)
        {
            builder.Append("{…}");
            return false;
        }
    }

    /// <summary>Splits identifiers and names into lower-case words: <c>orderPlaced-events:v2</c> → order, placed, events, v.</summary>
    internal static class Words
    {
        public static List<string> Split(string text)
        {
            var words = new List<string>();
            var current = new StringBuilder();
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (!char.IsLetter(c))
                {
                    Flush(words, current);
                    continue;
                }

                if (char.IsUpper(c) && current.Length > 0 && i > 0 && char.IsLower(text[i - 1]))
                {
                    Flush(words, current);
                }

                current.Append(char.ToLowerInvariant(c));
            }

            Flush(words, current);
            return words;
        }

        /// <summary>
        /// The first of <paramref name="stems"/> that a word of <paramref name="words"/> starts with, or (with
        /// <paramref name="allowInfix"/>, for stems of five letters or more) contains; null when none.
        /// </summary>
        public static string? FindStem(List<string> words, ImmutableArray<string> stems, bool allowInfix) =>
            FindStem(words, stems, ImmutableArray<string>.Empty, allowInfix);

        /// <summary>As above, with the stems of <paramref name="stems"/> then those of <paramref name="moreStems"/> (no concatenated copy).</summary>
        public static string? FindStem(List<string> words, ImmutableArray<string> stems, ImmutableArray<string> moreStems, bool allowInfix)
        {
            foreach (var stem in stems)
            {
                if (Matches(words, stem, allowInfix))
                {
                    return stem;
                }
            }

            foreach (var stem in moreStems.IsDefault ? ImmutableArray<string>.Empty : moreStems)
            {
                if (Matches(words, stem, allowInfix))
                {
                    return stem;
                }
            }

            return null;
        }

        private static bool Matches(List<string> words, string stem, bool allowInfix)
        {
            foreach (var word in words)
            {
                if (word.StartsWith(stem, System.StringComparison.Ordinal)
                    || (allowInfix && stem.Length >= 5 && word.IndexOf(stem, System.StringComparison.Ordinal) >= 0))
                {
                    return true;
                }
            }

            return false;
        }

        private static void Flush(List<string> words, StringBuilder current)
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }
}
