using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers
{
    /// <summary>
    /// A StackExchange.Redis configuration string seen in code (<c>"redis.example.com:6380,password=...,ssl=false"</c>):
    /// its endpoints and its options (keys lower-cased).
    /// </summary>
    internal sealed class RedisConnectionString
    {
        private RedisConnectionString(IOperation literal, List<string> endpoints, Dictionary<string, string> options)
        {
            Literal = literal;
            Endpoints = endpoints;
            Options = options;
        }

        /// <summary>The operation that holds the string (where diagnostics go).</summary>
        public IOperation Literal { get; }

        public List<string> Endpoints { get; }

        public Dictionary<string, string> Options { get; }

        /// <summary>Every endpoint is this machine (localhost, 127.0.0.1, ::1): a development connection.</summary>
        public bool IsLocalOnly
        {
            get
            {
                foreach (var endpoint in Endpoints)
                {
                    var host = endpoint.StartsWith("[", StringComparison.Ordinal) ? endpoint : endpoint.Split(':')[0];
                    if (host is not ("localhost" or "127.0.0.1" or "[::1]" or "::1" or ""))
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        public string? Get(string option) => Options.TryGetValue(option, out var value) ? value : null;

        /// <summary>The connection string held by a constant (or a local initialized with one), or null.</summary>
        public static RedisConnectionString? Read(IOperation? value)
        {
            if (value is null)
            {
                return null;
            }

            var source = value.SkipConversions();
            if (source is ILocalReferenceOperation local && Operations.GetLocalInitializer(source.GetFunctionRoot(), local.Local) is { } initializer)
            {
                source = initializer.SkipConversions();
            }

            if (source.ConstantValue.Value is not string text)
            {
                return null;
            }

            var endpoints = new List<string>();
            var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var part in text.Split(','))
            {
                var token = part.Trim();
                if (token.Length == 0)
                {
                    continue;
                }

                var equals = token.IndexOf('=');
                if (equals < 0)
                {
                    endpoints.Add(token.ToLowerInvariant());
                }
                else
                {
                    options[token.Substring(0, equals).Trim()] = token.Substring(equals + 1).Trim();
                }
            }

            return new RedisConnectionString(source, endpoints, options);
        }
    }
}
