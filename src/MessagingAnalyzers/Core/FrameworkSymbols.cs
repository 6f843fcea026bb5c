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
            // Which frameworks are referenced decides which lookups run at all: a compilation-wide lookup of a
            // type searches every referenced assembly, and a plain service references over a hundred.
            var (aspNetCore, hosting, grpc) = (false, false, false);
            foreach (var assembly in compilation.ReferencedAssemblyNames)
            {
                var name = assembly.Name;
                aspNetCore |= name.StartsWith("Microsoft.AspNetCore.", System.StringComparison.Ordinal);
                hosting |= name.StartsWith("Microsoft.Extensions.Hosting", System.StringComparison.Ordinal);
                grpc |= name.StartsWith("Grpc.", System.StringComparison.Ordinal);
                IsTestProject |= name is "xunit.core" or "xunit.v3.core" or "nunit.framework" or "Microsoft.VisualStudio.TestPlatform.TestFramework" or "TUnit.Core" or "BenchmarkDotNet";
            }

            // A harness named as a test or benchmark project (Orders.Tests, Cache.Benchmarks) by the .NET convention.
            IsTestProject |= IsTestOrBenchmarkName(compilation.AssemblyName);

            // The task types live in the core library: look there first.
            var core = compilation.GetSpecialType(SpecialType.System_Object).ContainingAssembly;
            Task = Find(compilation, core, null, "System.Threading.Tasks.Task", true);
            TaskOfT = Find(compilation, core, null, "System.Threading.Tasks.Task`1", true);
            TaskFactory = Find(compilation, core, null, "System.Threading.Tasks.TaskFactory", true);
            TaskCompletionSource = Find(compilation, core, null, "System.Threading.Tasks.TaskCompletionSource", true);
            TaskCompletionSourceOfT = Find(compilation, core, null, "System.Threading.Tasks.TaskCompletionSource`1", true);
            // Not in System.Runtime in the reference assemblies of .NET: in System.Threading.Thread.
            Thread = Find(compilation, core, "System.Threading.Thread", "System.Threading.Thread", true);

            HostedService = Find(compilation, null, "Microsoft.Extensions.Hosting.Abstractions", "Microsoft.Extensions.Hosting.IHostedService", hosting || aspNetCore);
            BackgroundService = Find(compilation, null, "Microsoft.Extensions.Hosting.Abstractions", "Microsoft.Extensions.Hosting.BackgroundService", hosting || aspNetCore);

            ControllerBase = Find(compilation, null, "Microsoft.AspNetCore.Mvc.Core", "Microsoft.AspNetCore.Mvc.ControllerBase", aspNetCore);
            ApiControllerAttribute = Find(compilation, null, "Microsoft.AspNetCore.Mvc.Core", "Microsoft.AspNetCore.Mvc.ApiControllerAttribute", aspNetCore);
            NonActionAttribute = Find(compilation, null, "Microsoft.AspNetCore.Mvc.Core", "Microsoft.AspNetCore.Mvc.NonActionAttribute", aspNetCore);
            PageModel = Find(compilation, null, "Microsoft.AspNetCore.Mvc.RazorPages", "Microsoft.AspNetCore.Mvc.RazorPages.PageModel", aspNetCore);
            Hub = Find(compilation, null, "Microsoft.AspNetCore.SignalR.Core", "Microsoft.AspNetCore.SignalR.Hub", aspNetCore);
            HubOfT = Find(compilation, null, "Microsoft.AspNetCore.SignalR.Core", "Microsoft.AspNetCore.SignalR.Hub`1", aspNetCore);
            HubLifetimeManager = Find(compilation, null, "Microsoft.AspNetCore.SignalR.Core", "Microsoft.AspNetCore.SignalR.HubLifetimeManager`1", aspNetCore);
            HttpContext = Find(compilation, null, "Microsoft.AspNetCore.Http.Abstractions", "Microsoft.AspNetCore.Http.HttpContext", aspNetCore);
            EndpointRouteBuilder = Find(compilation, null, "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Routing.IEndpointRouteBuilder", aspNetCore);
            GrpcBindServiceMethodAttribute = Find(compilation, null, "Grpc.Core.Api", "Grpc.Core.BindServiceMethodAttribute", grpc);
        }

        /// <summary>
        /// A type declared in the compilation itself, else in <paramref name="core"/>, else (only when its framework is
        /// <paramref name="referenced"/>) in the assembly it ships in (<paramref name="likelyAssembly"/>), else anywhere in
        /// the references. A compilation-wide lookup reads the type tables of every referenced assembly, over a
        /// hundred for a plain service: it is the last resort, for a type that moved.
        /// </summary>
        private static INamedTypeSymbol? Find(Compilation compilation, IAssemblySymbol? core, string? likelyAssembly, string metadataName, bool referenced) =>
            compilation.Assembly.GetTypeByMetadataName(metadataName)
            ?? core?.GetTypeByMetadataName(metadataName)
            ?? (!referenced ? null
                : likelyAssembly is null ? compilation.GetTypeByMetadataName(metadataName)
                : Symbols.GetTypeFromAssembly(compilation, likelyAssembly, metadataName));

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

        /// <summary>
        /// The compilation references xunit, NUnit, MSTest, TUnit or BenchmarkDotNet, or its assembly is named as a test or
        /// benchmark project (its name ends with Tests, .Test, .Benchmarks or .Benchmark): test code.
        /// </summary>
        public bool IsTestProject { get; }

        private static bool IsTestOrBenchmarkName(string? assemblyName) =>
            assemblyName is not null
            && (assemblyName.EndsWith(".Tests", System.StringComparison.OrdinalIgnoreCase)
                || assemblyName.EndsWith(".Test", System.StringComparison.OrdinalIgnoreCase)
                || assemblyName.EndsWith("Tests", System.StringComparison.Ordinal)
                || assemblyName.EndsWith(".Benchmarks", System.StringComparison.OrdinalIgnoreCase)
                || assemblyName.EndsWith(".Benchmark", System.StringComparison.OrdinalIgnoreCase));

        public bool IsTask(ITypeSymbol? type) =>
            type is not null
            && (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, TaskOfT)
                || SymbolEqualityComparer.Default.Equals(type, Task));

        public bool IsTaskCompletionSource(ITypeSymbol? type) =>
            type is not null
            && (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, TaskCompletionSourceOfT)
                || SymbolEqualityComparer.Default.Equals(type, TaskCompletionSource));
    }
}
