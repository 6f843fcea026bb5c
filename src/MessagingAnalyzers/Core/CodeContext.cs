using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers
{
    /// <summary>
    /// Answers the questions rules ask about the user's code rather than about a client library:
    /// is this a request handler, a hosted service, a test, an entry point? One place, so that every
    /// rule recognises the same shapes.
    /// </summary>
    internal sealed class CodeContext
    {
        private readonly FrameworkSymbols _framework;

        public CodeContext(FrameworkSymbols framework)
        {
            _framework = framework;
        }

        /// <summary>
        /// As <see cref="IsTestCode(ISymbol?)"/>, for the member that holds <paramref name="operation"/> (type-level rules
        /// report from the type; ask only for an operation about to be reported: it is a semantic-model lookup).
        /// </summary>
        public bool IsTestCode(IOperation operation) =>
            _framework.IsTestProject || IsTestCode(operation.SemanticModel?.GetEnclosingSymbol(operation.Syntax.SpanStart));

        /// <summary>Logging: <c>Console.Write*</c>, <c>Debug</c>/<c>Trace</c>, <c>ILogger.Log*</c>.</summary>
        public static bool IsLogging(IMethodSymbol method) => method.ContainingType.Name switch
        {
            "Console" => method.Name is "Write" or "WriteLine" && Symbols.IsNamespace(method.ContainingNamespace, "System"),
            "Debug" or "Trace" => Symbols.IsNamespace(method.ContainingNamespace, "System.Diagnostics"),
            "LoggerExtensions" or "ILogger" => method.Name.StartsWith("Log", System.StringComparison.Ordinal)
                && Symbols.IsNamespace(method.ContainingNamespace, "Microsoft.Extensions.Logging"),
            _ => false,
        };

        /// <summary>EF Core SaveChanges*, ADO.NET Execute* on a DbCommand/IDbCommand, Dapper Execute*.</summary>
        public static bool IsDatabaseWrite(IMethodSymbol method)
        {
            switch (method.Name)
            {
                case "SaveChanges" or "SaveChangesAsync":
                    for (var type = method.ContainingType; type is not null; type = type.BaseType)
                    {
                        if (type.Name == "DbContext")
                        {
                            return true;
                        }
                    }

                    return false;
                case "ExecuteNonQuery" or "ExecuteNonQueryAsync":
                    return method.ContainingType.Name is "DbCommand" or "IDbCommand" || InheritsDbCommand(method.ContainingType);
                case "Execute" or "ExecuteAsync" or "ExecuteScalar" or "ExecuteScalarAsync":
                    return method.ContainingType.Name == "SqlMapper" && method.ContainingNamespace?.Name == "Dapper";
                default:
                    return false;
            }
        }

        private static bool InheritsDbCommand(INamedTypeSymbol type)
        {
            for (var t = type; t is not null; t = t.BaseType)
            {
                if (t.Name == "DbCommand")
                {
                    return true;
                }
            }

            foreach (var i in type.AllInterfaces)
            {
                if (i.Name == "IDbCommand")
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>static Main</c> or the synthesized entry point of top-level statements.</summary>
        public static bool IsEntryPoint(ISymbol? symbol) =>
            symbol is IMethodSymbol { Name: "Main", IsStatic: true } or IMethodSymbol { Name: "<Main>$" };

        /// <summary>
        /// The method runs once per process (start-up code), not per message or request: an entry point, a static
        /// constructor or module initializer, a hosted service's <c>StartAsync</c>/<c>StartingAsync</c>/<c>StartedAsync</c>
        /// or <c>ExecuteAsync</c>, <c>Startup.Configure</c>/<c>ConfigureServices</c>, an extension method of the start-up
        /// builders (<c>IServiceCollection</c>, <c>IHostBuilder</c>, <c>IHost</c>, <c>IApplicationBuilder</c>, <c>WebApplication</c> ...),
        /// a method named for initialisation (<c>Initialize</c>, <c>Init*</c>, <c>Setup*</c>, <c>Ensure*</c>, <c>Bootstrap*</c>,
        /// <c>Provision*</c>, <c>Migrate*</c>, <c>Seed*</c>, <c>CreateTopics*</c>), or a private method that its type calls only
        /// from such methods.
        /// </summary>
        public bool RunsOncePerProcess(ISymbol? symbol, Compilation compilation)
        {
            if (symbol is not IMethodSymbol method)
            {
                return false;
            }

            if (IsOncePerProcessItself(method))
            {
                return true;
            }

            if (method.DeclaredAccessibility != Accessibility.Private || method.ContainingType is not { } type)
            {
                return false;
            }

            var calls = TypeCalls.CallsOf(method, type, compilation);
            if (calls.IsEmpty)
            {
                return false;
            }

            foreach (var call in calls)
            {
                if (call.GetEnclosingLoop() is not null
                    || call.SemanticModel?.GetEnclosingSymbol(call.Syntax.SpanStart) is not IMethodSymbol caller
                    || !IsOncePerProcessItself(caller))
                {
                    return false;
                }
            }

            return true;
        }

        private bool IsOncePerProcessItself(IMethodSymbol method)
        {
            if (IsEntryPoint(method) || method.MethodKind == MethodKind.StaticConstructor)
            {
                return true;
            }

            if (method.MethodKind != MethodKind.Ordinary)
            {
                return false;
            }

            foreach (var attribute in method.GetAttributes())
            {
                if (attribute.AttributeClass?.Name == "ModuleInitializerAttribute")
                {
                    return true;
                }
            }

            var name = method.Name;
            if (name is "StartAsync" or "StartingAsync" or "StartedAsync" or "ExecuteAsync")
            {
                return true;
            }

            if (name is "Configure" or "ConfigureServices" && method.Parameters.Length > 0
                && method.Parameters[0].Type.Name is "IServiceCollection" or "IApplicationBuilder")
            {
                return true;
            }

            if (method.IsExtensionMethod && method.Parameters.Length > 0
                && method.Parameters[0].Type.Name is "IServiceCollection" or "IHostBuilder" or "IHost" or "IApplicationBuilder" or "WebApplication"
                    or "WebApplicationBuilder" or "IHostApplicationBuilder" or "IEndpointRouteBuilder")
            {
                return true;
            }

            foreach (var prefix in StartUpPrefixes)
            {
                if (name.StartsWith(prefix, System.StringComparison.Ordinal)
                    && (name.Length == prefix.Length || !char.IsLower(name[prefix.Length])))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The method handles one message or event: it takes a message (a Kafka <c>ConsumeResult</c> or <c>Message</c>, a
        /// Redis <c>ChannelMessage</c>, a consume context) or event arguments (<c>*EventArgs</c>), or it is named as a handler
        /// (<c>On*</c>, <c>Handle*</c>, <c>Process*</c>, <c>*Handler</c>), unless its name says it runs at start-up (<c>OnStart*</c>).
        /// </summary>
        public bool IsMessageHandler(IMethodSymbol? method)
        {
            if (method is null || IsOncePerProcessItself(method))
            {
                return false;
            }

            foreach (var parameter in method.Parameters)
            {
                var typeName = parameter.Type.Name;
                if (typeName is "ConsumeResult" or "Message" or "ChannelMessage" or "ConsumeContext"
                    || typeName.EndsWith("EventArgs", System.StringComparison.Ordinal))
                {
                    return true;
                }
            }

            var name = method.Name;
            foreach (var prefix in HandlerPrefixes)
            {
                if (name.StartsWith(prefix, System.StringComparison.Ordinal)
                    && (name.Length == prefix.Length || !char.IsLower(name[prefix.Length])))
                {
                    return true;
                }
            }

            return name.EndsWith("Handler", System.StringComparison.Ordinal);
        }

        /// <summary>Method names (followed by the end or a new word) that say the method handles a message or event.</summary>
        private static readonly System.Collections.Immutable.ImmutableArray<string> HandlerPrefixes = System.Collections.Immutable.ImmutableArray.Create(
            "On", "Handle", "Process");

        /// <summary>Method names (followed by the end or a new word) that say the method initialises, once.</summary>
        private static readonly System.Collections.Immutable.ImmutableArray<string> StartUpPrefixes = System.Collections.Immutable.ImmutableArray.Create(
            "Init", "Initialize", "Initialise", "Setup", "SetUp", "Ensure", "Bootstrap", "Provision", "Migrate", "Seed",
            "OnStart", "CreateTopic", "CreateTopics");

        /// <summary>
        /// Test code: the compilation references a test framework, or the method or its type carries a
        /// test attribute of any framework (matched by name, so custom <c>[Fact]</c> subclasses count).
        /// </summary>
        public bool IsTestCode(ISymbol? symbol)
        {
            if (_framework.IsTestProject)
            {
                return true;
            }

            for (var s = symbol; s is not null and not INamespaceSymbol; s = s.ContainingSymbol)
            {
                foreach (var attribute in s.GetAttributes())
                {
                    switch (attribute.AttributeClass?.Name)
                    {
                        case "FactAttribute":
                        case "TheoryAttribute":
                        case "SkippableFactAttribute":
                        case "SkippableTheoryAttribute":
                        case "TestAttribute":
                        case "TestCaseAttribute":
                        case "TestCaseSourceAttribute":
                        case "TestMethodAttribute":
                        case "DataTestMethodAttribute":
                        case "TestClassAttribute":
                        case "TestFixtureAttribute":
                            return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The type is an IHostedService (BackgroundService included).</summary>
        public bool IsHostedService(INamedTypeSymbol? type) =>
            Symbols.IsOrImplements(type, _framework.HostedService) || Symbols.DerivesFrom(type, _framework.BackgroundService);

        /// <summary>The type is a SignalR backplane (a HubLifetimeManager), where pub/sub is the design.</summary>
        public bool IsSignalRBackplane(INamedTypeSymbol? type) =>
            Symbols.DerivesFrom(type, _framework.HubLifetimeManager);

        /// <summary>
        /// Runs once per HTTP request (or hub invocation / gRPC call): a controller action, a Razor Page
        /// handler, a SignalR hub method, a gRPC service override, or a middleware Invoke/InvokeAsync.
        /// </summary>
        public bool IsRequestHandler(IMethodSymbol? method)
        {
            if (method is null || method.IsStatic || method.MethodKind != MethodKind.Ordinary)
            {
                return false;
            }

            var type = method.ContainingType;
            if (type is null)
            {
                return false;
            }

            if (method.Name is "Invoke" or "InvokeAsync"
                && method.Parameters.Length > 0
                && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, _framework.HttpContext))
            {
                return true;
            }

            if (method.DeclaredAccessibility != Accessibility.Public)
            {
                return IsGrpcOverride(method);
            }

            if (IsController(type))
            {
                return !Symbols.HasAttribute(method, _framework.NonActionAttribute);
            }

            if (Symbols.DerivesFrom(type, _framework.PageModel))
            {
                return method.Name.StartsWith("On", System.StringComparison.Ordinal);
            }

            if (Symbols.DerivesFrom(type, _framework.Hub) || Symbols.DerivesFrom(type, _framework.HubOfT))
            {
                return method.Name is not "Dispose";
            }

            return IsGrpcOverride(method);
        }

        /// <summary>
        /// The operation runs per request: inside a request handler method, or inside a lambda that is a
        /// minimal-API endpoint (<c>app.MapGet("/x", () =&gt; ...)</c>).
        /// </summary>
        public bool IsInRequestHandler(IOperation operation, ISymbol? owningSymbol)
        {
            for (var op = operation.Parent; op is not null; op = op.Parent)
            {
                if (op is IAnonymousFunctionOperation lambda && IsMinimalApiHandler(lambda))
                {
                    return true;
                }
            }

            return IsRequestHandler(owningSymbol as IMethodSymbol);
        }

        private bool IsMinimalApiHandler(IAnonymousFunctionOperation lambda)
        {
            if (lambda.GetInvocationTaking() is not { } invocation)
            {
                return false;
            }

            var method = invocation.TargetMethod;
            return method.Name.StartsWith("Map", System.StringComparison.Ordinal)
                && method.Parameters.Length > 0
                && Symbols.IsOrImplements(method.Parameters[0].Type, _framework.EndpointRouteBuilder);
        }

        private bool IsController(INamedTypeSymbol type)
        {
            if (Symbols.DerivesFrom(type, _framework.ControllerBase))
            {
                return true;
            }

            for (var t = type; t is not null; t = t.BaseType)
            {
                if (Symbols.HasAttribute(t, _framework.ApiControllerAttribute))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsGrpcOverride(IMethodSymbol method)
        {
            if (!method.IsOverride || _framework.GrpcBindServiceMethodAttribute is null)
            {
                return false;
            }

            for (var t = method.ContainingType.BaseType; t is not null; t = t.BaseType)
            {
                if (Symbols.HasAttribute(t, _framework.GrpcBindServiceMethodAttribute))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
