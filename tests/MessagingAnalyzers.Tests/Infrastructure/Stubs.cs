namespace MessagingAnalyzers.Tests.Infrastructure
{
    /// <summary>
    /// Minimal declarations of the ASP.NET Core, hosting and gRPC types that the rules recognise, with
    /// the real namespaces and names. The offline reference set has no ASP.NET Core assemblies; the
    /// analyzers match these types by metadata name, so the stubs stand in for them in test compilations.
    /// </summary>
    internal static class Stubs
    {
        public const string FileName = "/0/Stubs.cs";

        public const string Source = @"
namespace Microsoft.Extensions.Hosting
{
    public interface IHostedService
    {
        System.Threading.Tasks.Task StartAsync(System.Threading.CancellationToken cancellationToken);
        System.Threading.Tasks.Task StopAsync(System.Threading.CancellationToken cancellationToken);
    }

    public abstract class BackgroundService : IHostedService, System.IDisposable
    {
        protected abstract System.Threading.Tasks.Task ExecuteAsync(System.Threading.CancellationToken stoppingToken);
        public virtual System.Threading.Tasks.Task StartAsync(System.Threading.CancellationToken cancellationToken) => ExecuteAsync(cancellationToken);
        public virtual System.Threading.Tasks.Task StopAsync(System.Threading.CancellationToken cancellationToken) => System.Threading.Tasks.Task.CompletedTask;
        public virtual void Dispose() { }
    }
}

namespace Microsoft.AspNetCore.Http
{
    public abstract class HttpContext { }
    public delegate System.Threading.Tasks.Task RequestDelegate(HttpContext context);
    public interface IResult { }
    public static class Results
    {
        public static IResult Ok(object? value = null) => null!;
        public static IResult Accepted(string? uri = null, object? value = null) => null!;
    }
}

namespace Microsoft.AspNetCore.Routing
{
    public interface IEndpointRouteBuilder { }
}

namespace Microsoft.AspNetCore.Builder
{
    public sealed class RouteHandlerBuilder { }
    public static class EndpointRouteBuilderExtensions
    {
        public static RouteHandlerBuilder MapGet(this Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints, string pattern, System.Delegate handler) => null!;
        public static RouteHandlerBuilder MapPost(this Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints, string pattern, System.Delegate handler) => null!;
    }
}

namespace Microsoft.AspNetCore.Mvc
{
    [System.AttributeUsage(System.AttributeTargets.Class | System.AttributeTargets.Assembly)]
    public sealed class ApiControllerAttribute : System.Attribute { }
    [System.AttributeUsage(System.AttributeTargets.Method)]
    public sealed class NonActionAttribute : System.Attribute { }
    [System.AttributeUsage(System.AttributeTargets.Method)]
    public sealed class HttpPostAttribute : System.Attribute { public HttpPostAttribute(string? template = null) { } }
    [System.AttributeUsage(System.AttributeTargets.Method)]
    public sealed class HttpGetAttribute : System.Attribute { public HttpGetAttribute(string? template = null) { } }
    public interface IActionResult { }
    public abstract class ControllerBase
    {
        public IActionResult Ok(object? value = null) => null!;
        public IActionResult Accepted(object? value = null) => null!;
    }
    public abstract class Controller : ControllerBase { }
}

namespace Microsoft.AspNetCore.Mvc.RazorPages
{
    public abstract class PageModel { }
}

namespace Microsoft.AspNetCore.SignalR
{
    public abstract class Hub { }
    public abstract class Hub<T> where T : class { }
    public abstract class HubLifetimeManager<THub> where THub : Hub { }
}

namespace Grpc.Core
{
    [System.AttributeUsage(System.AttributeTargets.Class)]
    public sealed class BindServiceMethodAttribute : System.Attribute
    {
        public BindServiceMethodAttribute(System.Type bindType, string bindMethodName) { }
    }
    public abstract class ServerCallContext { }
}
";
    }
}
