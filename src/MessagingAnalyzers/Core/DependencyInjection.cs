using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers
{
    /// <summary>A DI registration found in code: what it registers and with which lifetime.</summary>
    internal sealed class ServiceRegistration
    {
        public ServiceRegistration(IOperation operation, ITypeSymbol serviceType, string lifetime, IOperation? lifetimeArgument)
        {
            Operation = operation;
            ServiceType = serviceType;
            Lifetime = lifetime;
            LifetimeArgument = lifetimeArgument;
        }

        /// <summary>The registering call or <c>new ServiceDescriptor(...)</c>.</summary>
        public IOperation Operation { get; }

        public ITypeSymbol ServiceType { get; }

        /// <summary><c>Singleton</c>, <c>Scoped</c> or <c>Transient</c>.</summary>
        public string Lifetime { get; }

        /// <summary>The <c>ServiceLifetime.X</c> argument when the lifetime is passed as a value.</summary>
        public IOperation? LifetimeArgument { get; }
    }

    /// <summary>
    /// Reads Microsoft.Extensions.DependencyInjection registrations: <c>Add{Lifetime}</c>, <c>AddKeyed{Lifetime}</c>,
    /// <c>TryAdd{Lifetime}</c>, <c>TryAddKeyed{Lifetime}</c> (generic, <c>typeof</c> and factory forms),
    /// <c>ServiceDescriptor.{Lifetime}</c>/<c>Keyed{Lifetime}</c>/<c>Describe</c> and <c>new ServiceDescriptor(..., lifetime)</c>.
    /// </summary>
    internal static class DependencyInjection
    {
        public static ServiceRegistration? Read(IOperation operation)
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    return ReadInvocation(invocation);
                case IObjectCreationOperation creation when creation.Type?.Name == "ServiceDescriptor" && IsDiNamespace(creation.Type):
                    return FromLifetimeArgument(creation, creation.Arguments);
                default:
                    return null;
            }
        }

        private static ServiceRegistration? ReadInvocation(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            // Every registration method is Add*/TryAdd* or on ServiceDescriptor: compare names before namespaces
            // (this runs for every call in the compilation).
            if (!(method.Name.StartsWith("Add", System.StringComparison.Ordinal)
                  || method.Name.StartsWith("TryAdd", System.StringComparison.Ordinal)
                  || method.ContainingType?.Name == "ServiceDescriptor")
                || !IsDiNamespace(method.ContainingType))
            {
                return null;
            }

            if (method.ContainingType.Name == "ServiceDescriptor" && method.Name == "Describe")
            {
                return FromLifetimeArgument(invocation, invocation.Arguments);
            }

            var lifetime = LifetimeFromName(method.Name);
            if (lifetime is null)
            {
                return null;
            }

            var service = method.TypeArguments.Length > 0
                ? method.TypeArguments[0]
                : ServiceTypeArgument(invocation.Arguments);
            return service is null ? null : new ServiceRegistration(invocation, service, lifetime, null);
        }

        private static ServiceRegistration? FromLifetimeArgument(IOperation operation, System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
        {
            IOperation? lifetimeArgument = null;
            string? lifetime = null;
            foreach (var argument in arguments)
            {
                if (argument.Value.Type?.Name == "ServiceLifetime" && argument.Value.SkipConversions() is IFieldReferenceOperation field)
                {
                    lifetimeArgument = argument.Value;
                    lifetime = field.Field.Name;
                }
            }

            var service = ServiceTypeArgument(arguments);
            return service is null || lifetime is null ? null : new ServiceRegistration(operation, service, lifetime, lifetimeArgument);
        }

        /// <summary>The <c>typeof(X)</c> passed as the service type.</summary>
        private static ITypeSymbol? ServiceTypeArgument(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Name == "serviceType" && argument.Value.SkipConversions() is ITypeOfOperation typeOf)
                {
                    return typeOf.TypeOperand;
                }
            }

            return null;
        }

        /// <summary><c>AddScoped</c> → Scoped, <c>TryAddKeyedTransient</c> → Transient, <c>Singleton</c> → Singleton.</summary>
        private static readonly System.Collections.Immutable.ImmutableArray<string> LifetimePrefixes =
            System.Collections.Immutable.ImmutableArray.Create("TryAddKeyed", "AddKeyed", "TryAdd", "Add", "Keyed", string.Empty);

        private static string? LifetimeFromName(string name)
        {
            foreach (var prefix in LifetimePrefixes)
            {
                if (name.StartsWith(prefix, System.StringComparison.Ordinal))
                {
                    var rest = name.Substring(prefix.Length);
                    if (rest is "Singleton" or "Scoped" or "Transient")
                    {
                        return rest;
                    }
                }
            }

            return null;
        }

        private static bool IsDiNamespace(ITypeSymbol? type) =>
            Symbols.IsNamespace(type?.ContainingNamespace, "Microsoft.Extensions.DependencyInjection")
            || Symbols.IsNamespace(type?.ContainingNamespace, "Microsoft.Extensions.DependencyInjection.Extensions");
    }
}
