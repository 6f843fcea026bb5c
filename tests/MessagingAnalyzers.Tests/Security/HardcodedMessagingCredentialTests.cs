using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Security.HardcodedMessagingCredentialAnalyzer>;

namespace MessagingAnalyzers.Tests.Security
{
    public class HardcodedMessagingCredentialTests
    {
        private const string Usings = @"using System;
using System.Collections.Generic;
using Confluent.Kafka;
using StackExchange.Redis;
";

        [Fact]
        public async Task LiteralSecrets_AreFlagged_InEveryShape()
        {
            var source = Usings + @"
class Settings
{
    private const string Secret = ""s3cr3t"";

    public ProducerConfig Kafka()
    {
        var config = new ProducerConfig { SaslUsername = ""svc"", SaslPassword = {|#0:""hunter2""|} };
        config.SslKeyPassword = {|#1:Secret|};
        config.Set(""sasl.oauthbearer.client.secret"", {|#2:""abc""|});
        return config;
    }

    public Dictionary<string, string> Raw() => new() { [""sasl.password""] = {|#3:""hunter2""|} };

    public IConnectionMultiplexer Redis()
    {
        var options = new ConfigurationOptions { Password = {|#4:""redis-pass""|} };
        return ConnectionMultiplexer.Connect({|#5:""cache.example.com:6380,password=redis-pass,ssl=true""|});
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("The value of 'sasl.password'"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("The value of 'ssl.key.password'"),
                VerifyAnalyzer.Diagnostic(2).WithArguments("The value of 'sasl.oauthbearer.client.secret'"),
                VerifyAnalyzer.Diagnostic(3).WithArguments("The value of 'sasl.password'"),
                VerifyAnalyzer.Diagnostic(4).WithArguments("The Redis password"),
                VerifyAnalyzer.Diagnostic(5).WithArguments("The password in this Redis connection string"));
        }

        [Theory]
        [InlineData("Samples.Checkout")]
        [InlineData("Checkout.Sample")]
        [InlineData("KafkaDemo")]
        [InlineData("Redis.Examples")]
        public async Task SampleAndDemoProjects_AreNotFlagged(string assemblyName)
        {
            // A sample points at a throwaway container with a placeholder password; it is never deployed.
            var source = Usings + @"
class Wiring
{
    public IConnectionMultiplexer Redis() => ConnectionMultiplexer.Connect(""cache-node:6379,password=demo"");
    public ProducerConfig Kafka() => new ProducerConfig { SaslUsername = ""svc"", SaslPassword = ""demo"" };
}";
            await VerifyAnalyzer.AnalyzerAsync(source, new VerifyOptions { AssemblyName = assemblyName });
        }

        [Theory]
        [InlineData("Democracy.Voting")]
        [InlineData("Checkout.Api")]
        public async Task ProjectsNotNamedAsSamples_AreStillFlagged(string assemblyName)
        {
            var source = Usings + @"
class Wiring
{
    public IConnectionMultiplexer Redis() => ConnectionMultiplexer.Connect({|#0:""cache-node:6379,password=hunter2""|});
}";
            await VerifyAnalyzer.AnalyzerAsync(source, new VerifyOptions { AssemblyName = assemblyName },
                VerifyAnalyzer.Diagnostic(0).WithArguments("The password in this Redis connection string"));
        }

        [Fact]
        public async Task SecretsFromConfiguration_AndEmptyStrings_AreNotFlagged()
        {
            var source = Usings + @"
class Settings
{
    public ProducerConfig Kafka(Func<string, string> secrets) => new ProducerConfig
    {
        SaslUsername = ""svc"",
        SaslPassword = Environment.GetEnvironmentVariable(""KAFKA_PASSWORD""),
        SslKeyPassword = secrets(""ssl-key""),
        SaslOauthbearerClientSecret = """",
    };

    public IConnectionMultiplexer Redis(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.Password = Environment.GetEnvironmentVariable(""REDIS_PASSWORD"");
        return ConnectionMultiplexer.Connect(""localhost:6379,abortConnect=false"");
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task Placeholders_AreNotFlagged_ButValuesThatOnlyLookCloseAre()
        {
            var source = Usings + @"
class Settings
{
    public Dictionary<string, string> Template() => new()
    {
        [""sasl.password""] = ""<password>"",
        [""ssl.key.password""] = ""<your key password>"",
        [""ssl.keystore.password""] = ""${KEYSTORE_PASSWORD}"",
        [""ssl.truststore.password""] = ""#{TruststorePassword}#"",
    };

    public ProducerConfig Kafka() => new ProducerConfig
    {
        SaslPassword = ""$(KafkaPassword)"",
        SslKeyPassword = ""{{ssl_key_password}}"",
        SaslOauthbearerClientSecret = ""__ClientSecret__"",
    };

    public ConsumerConfig Masked() => new ConsumerConfig { SaslPassword = ""********"", SslKeyPassword = ""%SSL_KEY_PASSWORD%"" };

    public IConnectionMultiplexer Redis()
    {
        var options = new ConfigurationOptions { Password = ""{redisPassword}"" };
        return ConnectionMultiplexer.Connect(""cache.example.com:6380,password=<redis-password>,ssl=true"");
    }

    public ProducerConfig NotPlaceholders() => new ProducerConfig
    {
        SaslPassword = {|#0:""<pass>word""|},
        SslKeyPassword = {|#1:""{abc""|},
        SaslOauthbearerClientSecret = {|#2:""x*x*x*""|},
    };
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("The value of 'sasl.password'"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("The value of 'ssl.key.password'"),
                VerifyAnalyzer.Diagnostic(2).WithArguments("The value of 'sasl.oauthbearer.client.secret'"));
        }
    }
}
