using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Security.RedisAdminModeEnabledAnalyzer>;

namespace MessagingAnalyzers.Tests.Security
{
    public class RedisAdminModeEnabledTests
    {
        [Fact]
        public async Task AdminMode_IsFlagged_OnlyWhenEnabled()
        {
            var source = RedisSources.Usings + @"
class Connections
{
    public ConfigurationOptions Options() => new ConfigurationOptions { {|#0:AllowAdmin = true|} };
    public ConfigurationOptions Off() => new ConfigurationOptions { AllowAdmin = false };
    public IConnectionMultiplexer Admin() => ConnectionMultiplexer.Connect({|#1:""cache:6379,allowAdmin=true""|});
    public IConnectionMultiplexer Plain() => ConnectionMultiplexer.Connect(""cache:6379"");
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("'AllowAdmin = true'"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("'allowAdmin=true' in this connection string"));
        }

        [Fact]
        public async Task AdminModeOnAServerOfThisMachine_IsNotFlagged()
        {
            var source = RedisSources.Usings + """
class Bench
{
    public IConnectionMultiplexer Local() => ConnectionMultiplexer.Connect("127.0.0.1,allowAdmin=true");
    public IConnectionMultiplexer Dev() => ConnectionMultiplexer.Connect("localhost:6379,allowAdmin=true");
}
""";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }
    }
}
