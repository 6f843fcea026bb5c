using Microsoft.CodeAnalysis;

namespace MessagingAnalyzers
{
    /// <summary>
    /// BCL, hosting and ASP.NET Core symbols the rules ask about, resolved once per compilation.
    /// Any of them may be null: a console app has no ASP.NET Core, a library may have no hosting.
    /// </summary>
    internal sealed class FrameworkSymbols
    {
        public FrameworkSymbols(Compilation compilation)
        {
            Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
            TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
            TaskFactory = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory");
            TaskCompletionSource = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskCompletionSource");
            TaskCompletionSourceOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskCompletionSource`1");
            Thread = compilation.GetTypeByMetadataName("System.Threading.Thread");

            HostedService = compilation.GetTypeByMetadataName("Microsoft.Extensions.Hosting.IHostedService");
            BackgroundService = compilation.GetTypeByMetadataName("Microsoft.Extensions.Hosting.BackgroundService");

            ControllerBase = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ControllerBase");
            ApiControllerAttribute = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ApiControllerAttribute");
            NonActionAttribute = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.NonActionAttribute");
            PageModel = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
            Hub = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.SignalR.Hub");
            HubOfT = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.SignalR.Hub`1");
            HubLifetimeManager = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.SignalR.HubLifetimeManager`1");
            HttpContext = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpContext");
            EndpointRouteBuilder = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Routing.IEndpointRouteBuilder");
            GrpcBindServiceMethodAttribute = compilation.GetTypeByMetadataName("Grpc.Core.BindServiceMethodAttribute");

            IsTestProject = ReferencesTestFramework(compilation);
        }

        public INamedTypeSymbol? Task { get; }
        public INamedTypeSymbol? TaskOfT { get; }
        public INamedTypeSymbol? TaskFactory { get; }
        public INamedTypeSymbol? TaskCompletionSource { get; }
        public INamedTypeSymbol? TaskCompletionSourceOfT { get; }
        public INamedTypeSymbol? Thread { get; }
        public INamedTypeSymbol? HostedService { get; }
        public INamedTypeSymbol? BackgroundService { get; }
        public INamedTypeSymbol? ControllerBase { get; }
        public INamedTypeSymbol? ApiControllerAttribute { get; }
        public INamedTypeSymbol? NonActionAttribute { get; }
        public INamedTypeSymbol? PageModel { get; }
        public INamedTypeSymbol? Hub { get; }
        public INamedTypeSymbol? HubOfT { get; }
        public INamedTypeSymbol? HubLifetimeManager { get; }
        public INamedTypeSymbol? HttpContext { get; }
        public INamedTypeSymbol? EndpointRouteBuilder { get; }
        public INamedTypeSymbol? GrpcBindServiceMethodAttribute { get; }

        /// <summary>The compilation references xunit, NUnit, MSTest or TUnit: it is a test project.</summary>
        public bool IsTestProject { get; }

        public bool IsTask(ITypeSymbol? type) =>
            type is not null
            && (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, TaskOfT)
                || SymbolEqualityComparer.Default.Equals(type, Task));

        public bool IsTaskCompletionSource(ITypeSymbol? type) =>
            type is not null
            && (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, TaskCompletionSourceOfT)
                || SymbolEqualityComparer.Default.Equals(type, TaskCompletionSource));

        private static bool ReferencesTestFramework(Compilation compilation)
        {
            foreach (var assembly in compilation.ReferencedAssemblyNames)
            {
                switch (assembly.Name)
                {
                    case "xunit.core":
                    case "xunit.v3.core":
                    case "nunit.framework":
                    case "Microsoft.VisualStudio.TestPlatform.TestFramework":
                    case "TUnit.Core":
                        return true;
                }
            }

            return false;
        }
    }
}
