using System;
using System.IO;

namespace MessagingAnalyzers.Tests.Infrastructure
{
    /// <summary>Paths in the repository checkout the tests run from.</summary>
    public static class Repository
    {
        private static readonly Lazy<string> RootPath = new(() =>
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "MessagingAnalyzers.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("MessagingAnalyzers.sln not found above " + AppContext.BaseDirectory);
        });

        public static string Root => RootPath.Value;

        public static string PathOf(params string[] parts) => Path.Combine(Root, Path.Combine(parts));

        public static string Read(params string[] parts) => File.ReadAllText(PathOf(parts));
    }
}
