using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Security.CredentialsOverPlaintextAnalyzer>;

namespace MessagingAnalyzers.Tests.Security
{
    public class CredentialsOverPlaintextTests
    {
        private const string Usings = @"using System;
using Confluent.Kafka;
using StackExchange.Redis;
";

        [Fact]
        public async Task PlaintextCredentials_AreFlagged()
        {
            var source = Usings + @"
class Settings
{
    public ProducerConfig Kafka(string password) => new ProducerConfig
    {
        {|#0:SecurityProtocol = SecurityProtocol.SaslPlaintext|},
        SaslMechanism = SaslMechanism.Plain,
        SaslPassword = password,
    };

    public ConsumerConfig KafkaStrings()
    {
        var config = new ConsumerConfig();
        {|#1:config.Set(""security.protocol"", ""SASL_PLAINTEXT"")|};
        config.Set(""sasl.mechanism"", ""PLAIN"");
        return config;
    }

    public IConnectionMultiplexer Redis() =>
        ConnectionMultiplexer.Connect({|#2:""cache.example.com:6379,password=abc,ssl=false""|});
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("SASL/PLAIN over SecurityProtocol.SaslPlaintext sends the username and password unencrypted"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("SASL/PLAIN over SecurityProtocol.SaslPlaintext sends the username and password unencrypted"),
                VerifyAnalyzer.Diagnostic(2).WithArguments("This Redis connection string sends a password with ssl=false to cache.example.com:6379"));
        }

        [Fact]
        public async Task TlsAndLocalDevelopment_AreNotFlagged()
        {
            var source = Usings + @"
class Settings
{
    public ProducerConfig Kafka() => new ProducerConfig { SecurityProtocol = SecurityProtocol.SaslSsl, SaslMechanism = SaslMechanism.Plain };
    public ProducerConfig Scram() => new ProducerConfig { SecurityProtocol = SecurityProtocol.SaslPlaintext, SaslMechanism = SaslMechanism.ScramSha512 };
    public IConnectionMultiplexer Local() => ConnectionMultiplexer.Connect(""localhost:6379,password=dev,ssl=false"");
    public IConnectionMultiplexer Remote() => ConnectionMultiplexer.Connect(""cache.example.com:6380,password=abc,ssl=true"");
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }
    }
}
