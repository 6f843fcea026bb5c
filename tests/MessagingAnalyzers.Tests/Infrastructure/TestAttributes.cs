namespace MessagingAnalyzers.Tests.Infrastructure
{
    /// <summary>
    /// Test-framework attributes, declared under their real names (the rules match them by name), for sources that
    /// check what the rules do in test code; the reference set of the tests has no test framework assembly.
    /// </summary>
    internal static class TestAttributes
    {
        public const string Source = @"
namespace Xunit { public sealed class FactAttribute : System.Attribute { } }
namespace Microsoft.VisualStudio.TestTools.UnitTesting { public sealed class TestClassAttribute : System.Attribute { } public sealed class TestMethodAttribute : System.Attribute { } }
";
    }
}
