using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace MessagingAnalyzers
{
    /// <summary>
    /// A set of identifier names, and a scan of source text for any of them: the cheap syntactic check that runs
    /// before semantic work. It reads the characters of a span (no tokens, no strings): words are runs of letters,
    /// digits and underscores, so names in comments count too (the check may say "maybe" more often, never "no"
    /// for code that names one). Optionally, quoted runs that look like librdkafka keys (<c>"sasl.password"</c>) count.
    /// Immutable after construction; safe to share between threads.
    /// </summary>
    internal sealed class NameScan
    {
        private const int MaxCachedBuffer = 256 * 1024;

        [ThreadStatic]
        private static char[]? s_buffer;

        private readonly string?[] _table;
        private readonly int _mask;
        private readonly bool _configKeys;

        // Which lengths (bit 63: 63 or more) and ASCII first characters the names have: most words of code match
        // neither, and are rejected before they are hashed.
        private readonly ulong _lengths;
        private readonly ulong _firstLow;
        private readonly ulong _firstHigh;

        /// <param name="names">The identifiers to look for.</param>
        /// <param name="configKeys">Also say "maybe" for quoted runs that look like librdkafka keys.</param>
        public NameScan(IEnumerable<string> names, bool configKeys = false)
        {
            _configKeys = configKeys;
            var distinct = new HashSet<string>(names, StringComparer.Ordinal);
            var size = 16;
            while (size < distinct.Count * 4)
            {
                size *= 2;
            }

            _table = new string?[size];
            _mask = size - 1;
            foreach (var name in distinct)
            {
                var slot = Hash(name.ToCharArray(), 0, name.Length) & _mask;
                while (_table[slot] is not null)
                {
                    slot = (slot + 1) & _mask;
                }

                _table[slot] = name;
                _lengths |= LengthBit(name.Length);
                if (name.Length > 0)
                {
                    SetFirst(name[0], ref _firstLow, ref _firstHigh);
                }
            }
        }

        /// <summary>Does the text of <paramref name="node"/> contain one of the names, or a config-key-like quoted run?</summary>
        public bool AnyIn(SyntaxNode node) => AnyIn(node, ImmutableArray<string>.Empty);

        /// <summary>As <see cref="AnyIn(SyntaxNode)"/>, also looking for the few <paramref name="extraNames"/>.</summary>
        public bool AnyIn(SyntaxNode node, ImmutableArray<string> extraNames)
        {
            var text = node.SyntaxTree.GetText();
            var span = node.Span;
            var buffer = s_buffer is { } cached && cached.Length >= span.Length ? cached : new char[Math.Max(span.Length, 4096)];
            s_buffer = null;
            try
            {
                text.CopyTo(span.Start, buffer, 0, span.Length);
                return AnyIn(buffer, span.Length, extraNames);
            }
            finally
            {
                // Keep the buffer for the next scan on this thread, unless a huge file made it huge.
                s_buffer = buffer.Length <= MaxCachedBuffer ? buffer : null;
            }
        }

        private bool AnyIn(char[] chars, int length, ImmutableArray<string> extraNames)
        {
            var i = 0;
            while (i < length)
            {
                var c = chars[i];
                if (IsWordChar(c))
                {
                    var start = i;
                    while (i < length && IsWordChar(chars[i]))
                    {
                        i++;
                    }

                    if (Contains(chars, start, i - start))
                    {
                        return true;
                    }

                    foreach (var extra in extraNames)
                    {
                        if (extra.Length == i - start && SameChars(extra, chars, start))
                        {
                            return true;
                        }
                    }
                }
                else if (c == '"' && _configKeys)
                {
                    // Look ahead for a short quoted run, but go on scanning right after the quote: which quotes open
                    // a string is not tracked, so no text is ever skipped.
                    var start = ++i;
                    var end = start;
                    while (end < length && end - start <= 64 && chars[end] is not ('"' or '\n'))
                    {
                        end++;
                    }

                    if (end < length && chars[end] == '"' && LooksLikeConfigKey(chars, start, end - start))
                    {
                        return true;
                    }
                }
                else
                {
                    i++;
                }
            }

            return false;
        }

        private static ulong LengthBit(int length) => 1UL << Math.Min(length, 63);

        private static void SetFirst(char c, ref ulong low, ref ulong high)
        {
            if (c < 64)
            {
                low |= 1UL << c;
            }
            else if (c < 128)
            {
                high |= 1UL << (c - 64);
            }
            else
            {
                // Any non-ASCII first character may be a name's.
                high |= 1UL << 63;
            }
        }

        private bool MayBeName(char first, int length)
        {
            if ((_lengths & LengthBit(length)) == 0)
            {
                return false;
            }

            return first < 64 ? (_firstLow & (1UL << first)) != 0
                : first < 128 ? (_firstHigh & (1UL << (first - 64))) != 0
                : (_firstHigh & (1UL << 63)) != 0;
        }

        private bool Contains(char[] chars, int start, int length)
        {
            if (!MayBeName(chars[start], length))
            {
                return false;
            }

            var slot = Hash(chars, start, length) & _mask;
            while (_table[slot] is { } candidate)
            {
                if (candidate.Length == length && SameChars(candidate, chars, start))
                {
                    return true;
                }

                slot = (slot + 1) & _mask;
            }

            return false;
        }

        private static bool SameChars(string candidate, char[] chars, int start)
        {
            for (var i = 0; i < candidate.Length; i++)
            {
                if (candidate[i] != chars[start + i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>"sasl.password", "bootstrap.servers", "acks": lower-case words joined by dots (or a known single word).</summary>
        private static bool LooksLikeConfigKey(char[] chars, int start, int length)
        {
            if (length == 0 || length > 64)
            {
                return false;
            }

            var dots = 0;
            for (var i = start; i < start + length; i++)
            {
                var c = chars[i];
                if (c == '.')
                {
                    dots++;
                }
                else if (!(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-'))
                {
                    return false;
                }
            }

            return dots > 0 || (length == 4 && chars[start] == 'a' && chars[start + 1] == 'c' && chars[start + 2] == 'k' && chars[start + 3] == 's');
        }

        private static bool IsWordChar(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' || c > 127 && char.IsLetterOrDigit(c);

        private static int Hash(char[] chars, int start, int length)
        {
            unchecked
            {
                var hash = (int)2166136261;
                for (var i = start; i < start + length; i++)
                {
                    hash = (hash ^ chars[i]) * 16777619;
                }

                return hash & int.MaxValue;
            }
        }
    }
}
