using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MessagingAnalyzers.Tests.Infrastructure
{
    /// <summary>Loads the analyzers of a third-party package copied under <c>clients/&lt;folder&gt;</c> by the test project.</summary>
    public static class ThirdPartyAnalyzers
    {
        public static ImmutableArray<DiagnosticAnalyzer> Load(string folder)
        {
            var directory = Path.Combine(AppContext.BaseDirectory, "clients", folder);
            var analyzers = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
            foreach (var file in Directory.GetFiles(directory, "*.dll").OrderBy(f => f, StringComparer.Ordinal))
            {
                Type?[] types;
                try
                {
                    types = Assembly.LoadFrom(file).GetTypes();
                }
                catch (ReflectionTypeLoadException e)
                {
                    types = e.Types;
                }

                foreach (var type in types)
                {
                    if (type is { IsAbstract: false } && typeof(DiagnosticAnalyzer).IsAssignableFrom(type)
                        && type.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0
                        && type.GetConstructor(Type.EmptyTypes) is not null)
                    {
                        analyzers.Add((DiagnosticAnalyzer)Activator.CreateInstance(type)!);
                    }
                }
            }

            return analyzers.ToImmutable();
        }
    }
}
