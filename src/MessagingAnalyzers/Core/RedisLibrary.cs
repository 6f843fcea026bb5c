using System;
using Microsoft.CodeAnalysis;

namespace MessagingAnalyzers
{
    /// <summary>
    /// What the package knows about StackExchange.Redis, resolved once per compilation.
    /// <see cref="TryCreate"/> returns null when the compilation does not reference the client.
    /// </summary>
    internal sealed class RedisLibrary
    {
        private RedisLibrary(Compilation compilation, INamedTypeSymbol subscriber)
        {
            Subscriber = subscriber;
            DatabaseAsync = compilation.GetTypeByMetadataName("StackExchange.Redis.IDatabaseAsync");
            Multiplexer = compilation.GetTypeByMetadataName("StackExchange.Redis.IConnectionMultiplexer");
            RedisChannel = compilation.GetTypeByMetadataName("StackExchange.Redis.RedisChannel");
            Version = subscriber.ContainingAssembly.Identity.Version;
        }

        /// <summary>The referenced StackExchange.Redis assembly version (2.x, 3.x ...).</summary>
        public Version Version { get; }

        public INamedTypeSymbol Subscriber { get; }

        /// <summary>IDatabaseAsync: the base of IDatabase, IBatch and ITransaction.</summary>
        public INamedTypeSymbol? DatabaseAsync { get; }
        public INamedTypeSymbol? Multiplexer { get; }
        public INamedTypeSymbol? RedisChannel { get; }

        public static RedisLibrary? TryCreate(Compilation compilation)
        {
            var subscriber = compilation.GetTypeByMetadataName("StackExchange.Redis.ISubscriber");
            return subscriber is null ? null : new RedisLibrary(compilation, subscriber);
        }

        /// <summary>IConnectionMultiplexer, ConnectionMultiplexer or another implementation.</summary>
        public bool IsMultiplexer(ITypeSymbol? type) => Multiplexer is not null && Symbols.IsOrImplements(type, Multiplexer);

        public bool IsSubscriber(ITypeSymbol? type) => Symbols.IsOrImplements(type, Subscriber);

        /// <summary>IDatabase, IDatabaseAsync, IBatch, ITransaction or an implementation of them.</summary>
        public bool IsDatabase(ITypeSymbol? type) => DatabaseAsync is not null && Symbols.IsOrImplements(type, DatabaseAsync);

        /// <summary>
        /// <c>Publish</c>/<c>PublishAsync</c> on a subscriber or a database (both send PUBLISH).
        /// </summary>
        public bool IsPublish(IMethodSymbol method) =>
            method.Name is "Publish" or "PublishAsync"
            && (IsSubscriber(method.ContainingType) || IsDatabase(method.ContainingType));

        /// <summary>A write that keeps the data: a stream entry or a list push.</summary>
        public bool IsDurableWrite(IMethodSymbol method) =>
            method.Name is "StreamAdd" or "StreamAddAsync"
                or "ListLeftPush" or "ListLeftPushAsync" or "ListRightPush" or "ListRightPushAsync"
            && IsDatabase(method.ContainingType);
    }
}
