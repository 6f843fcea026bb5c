using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Operations;
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
            // The other types come from the same assembly: looking there is much cheaper than asking the compilation.
            var assembly = subscriber.ContainingAssembly;
            Subscriber = subscriber;
            DatabaseAsync = assembly.GetTypeByMetadataName("StackExchange.Redis.IDatabaseAsync");
            Multiplexer = assembly.GetTypeByMetadataName("StackExchange.Redis.IConnectionMultiplexer");
            RedisChannel = assembly.GetTypeByMetadataName("StackExchange.Redis.RedisChannel");
            ConnectionMultiplexer = assembly.GetTypeByMetadataName("StackExchange.Redis.ConnectionMultiplexer");
            Server = assembly.GetTypeByMetadataName("StackExchange.Redis.IServer");
            Batch = assembly.GetTypeByMetadataName("StackExchange.Redis.IBatch");
            Version = subscriber.ContainingAssembly.Identity.Version;
            _assembly = new ClientAssembly(assembly, compilation);
        }

        /// <summary>Which assemblies can declare Redis-related types: asked before any interface walk.</summary>
        private readonly ClientAssembly _assembly;

        /// <summary>The referenced StackExchange.Redis assembly version (2.x, 3.x ...).</summary>
        public Version Version { get; }

        public INamedTypeSymbol Subscriber { get; }

        /// <summary>IDatabaseAsync: the base of IDatabase, IBatch and ITransaction.</summary>
        public INamedTypeSymbol? DatabaseAsync { get; }
        public INamedTypeSymbol? Multiplexer { get; }
        public INamedTypeSymbol? RedisChannel { get; }
        public INamedTypeSymbol? ConnectionMultiplexer { get; }
        public INamedTypeSymbol? Server { get; }

        /// <summary>IBatch: the base of ITransaction; commands on it are queued, not sent one by one.</summary>
        public INamedTypeSymbol? Batch { get; }

        /// <summary>The names of the calls <see cref="ConnectionStringArgument"/> reads (for <see cref="InvocationActions"/>).</summary>
        public static readonly ImmutableArray<string> ConnectionStringCalls = ImmutableArray.Create("Parse", "Connect", "ConnectAsync");

        /// <summary>
        /// The configuration-string argument of <c>ConnectionMultiplexer.Connect/ConnectAsync(string, ...)</c> or
        /// <c>ConfigurationOptions.Parse(string)</c>, or null.
        /// </summary>
        public IOperation? ConnectionStringArgument(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            var isParse = method.Name == "Parse" && method.ContainingType.Name == "ConfigurationOptions" && Symbols.IsNamespace(method.ContainingNamespace, "StackExchange.Redis");
            if (!isParse && !IsConnect(method))
            {
                return null;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Type.SpecialType == SpecialType.System_String && argument.Parameter.Ordinal == 0)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        /// <summary><c>ConnectionMultiplexer.Connect/ConnectAsync</c>.</summary>
        public bool IsConnect(IMethodSymbol method) =>
            method.IsStatic && method.Name is "Connect" or "ConnectAsync"
            && SymbolEqualityComparer.Default.Equals(method.ContainingType, ConnectionMultiplexer);

        /// <summary>IServer (Keys, Execute, admin commands) or an implementation.</summary>
        public bool IsServer(ITypeSymbol? type) => Server is not null && _assembly.MayRelate(type) && Symbols.IsOrImplements(type, Server);

        /// <summary>A batch or transaction receiver: commands are queued and sent together (atomically for a transaction).</summary>
        public bool IsBatch(ITypeSymbol? type) => Batch is not null && _assembly.MayRelate(type) && Symbols.IsOrImplements(type, Batch);

        /// <summary>A database command (sync or async) named one of <paramref name="names"/> (compare without the Async suffix).</summary>
        public bool IsDatabaseCommand(IMethodSymbol method, string name) =>
            IsCommandName(method.Name, name) && IsDatabase(method.ContainingType);

        /// <summary>Any of <paramref name="names"/> (an array built once by the caller: no allocation per call).</summary>
        public bool IsDatabaseCommand(IMethodSymbol method, ImmutableArray<string> names)
        {
            var name = method.Name;
            foreach (var candidate in names)
            {
                if (IsCommandName(name, candidate))
                {
                    return IsDatabase(method.ContainingType);
                }
            }

            return false;
        }

        /// <summary>
        /// Which of <paramref name="commands"/> the method name <paramref name="name"/> runs ("StringSetAsync" → "StringSet"),
        /// compared without allocating; null when none.
        /// </summary>
        public static string? CommandOf(string name, ImmutableArray<string> commands)
        {
            foreach (var command in commands)
            {
                if (IsCommandName(name, command))
                {
                    return command;
                }
            }

            return null;
        }

        /// <summary>"StringSet" or "StringSetAsync" for the command "StringSet", compared without allocating.</summary>
        public static bool IsCommandName(string name, string command) =>
            // First characters first: most calls of a compilation are rejected there, without a string comparison call.
            name.Length >= command.Length && command.Length > 0 && name[0] == command[0]
            && name.StartsWith(command, StringComparison.Ordinal)
            && (name.Length == command.Length || (name.Length == command.Length + 5 && name.EndsWith("Async", StringComparison.Ordinal)));

        public static RedisLibrary? TryCreate(Compilation compilation)
        {
            var subscriber = Symbols.GetTypeFromAssembly(compilation, "StackExchange.Redis", "StackExchange.Redis.ISubscriber");
            return subscriber is null ? null : new RedisLibrary(compilation, subscriber);
        }

        /// <summary>IConnectionMultiplexer, ConnectionMultiplexer or another implementation.</summary>
        public bool IsMultiplexer(ITypeSymbol? type) => Multiplexer is not null && _assembly.MayRelate(type) && Symbols.IsOrImplements(type, Multiplexer);

        public bool IsSubscriber(ITypeSymbol? type) => _assembly.MayRelate(type) && Symbols.IsOrImplements(type, Subscriber);

        /// <summary>IDatabase, IDatabaseAsync, IBatch, ITransaction or an implementation of them.</summary>
        public bool IsDatabase(ITypeSymbol? type) => DatabaseAsync is not null && _assembly.MayRelate(type) && Symbols.IsOrImplements(type, DatabaseAsync);

        /// <summary>The names <see cref="IsPublish"/> accepts (for <see cref="InvocationActions"/>).</summary>
        public static readonly ImmutableArray<string> PublishCalls = ImmutableArray.Create("Publish", "PublishAsync");

        /// <summary>
        /// <c>Publish</c>/<c>PublishAsync</c> on a subscriber or a database (both send PUBLISH).
        /// </summary>
        public bool IsPublish(IMethodSymbol method) =>
            method.Name is "Publish" or "PublishAsync"
            && (IsSubscriber(method.ContainingType) || IsDatabase(method.ContainingType));

        /// <summary>The value of <c>CommandFlags.FireAndForget</c>.</summary>
        private const int CommandFlagsFireAndForget = 2;

        /// <summary>
        /// The call passes <c>CommandFlags.FireAndForget</c> (alone or combined) as a constant: it returns at once and
        /// does not wait for the reply. False when the flags are not a constant.
        /// </summary>
        public static bool IsFireAndForget(IInvocationOperation invocation) =>
            invocation.GetArgument("flags") is { IsImplicit: false } flags
            && flags.Value.ConstantValue is { HasValue: true, Value: int value }
            && (value & CommandFlagsFireAndForget) != 0;

        /// <summary>A write that keeps the data: a stream entry or a list push.</summary>
        public bool IsDurableWrite(IMethodSymbol method) =>
            method.Name is "StreamAdd" or "StreamAddAsync"
                or "ListLeftPush" or "ListLeftPushAsync" or "ListRightPush" or "ListRightPushAsync"
            && IsDatabase(method.ContainingType);
    }
}
