using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Security.CertificateValidationDisabledAnalyzer>;

namespace MessagingAnalyzers.Tests.Security
{
    public class CertificateValidationDisabledTests
    {
        private const string Usings = @"using System;
using System.Security.Cryptography.X509Certificates;
using System.Net.Security;
using Confluent.Kafka;
using StackExchange.Redis;
";

        [Fact]
        public async Task DisabledValidation_IsFlagged()
        {
            var source = Usings + @"
class Settings
{
    public ClientConfig Kafka()
    {
        var config = new ClientConfig { {|#0:EnableSslCertificateVerification = false|} };
        {|#1:config.SslEndpointIdentificationAlgorithm = SslEndpointIdentificationAlgorithm.None|};
        {|#2:config.Set(""enable.ssl.certificate.verification"", ""false"")|};
        return config;
    }

    public ConfigurationOptions Redis()
    {
        var options = new ConfigurationOptions { Ssl = true };
        {|#3:options.CertificateValidation += (sender, certificate, chain, errors) => true|};
        {|#4:options.CertificateValidation += AcceptAll|};
        return options;
    }

    private static bool AcceptAll(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) => true;
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("'EnableSslCertificateVerification = false'"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("'config.SslEndpointIdentificationAlgorithm = SslEndpointIdentificationAlgorithm.None'"),
                VerifyAnalyzer.Diagnostic(2).WithArguments(@"'config.Set(""enable.ssl.certificate.verification"", ""false"")'"),
                VerifyAnalyzer.Diagnostic(3).WithArguments("This CertificateValidation callback always returns true and"),
                VerifyAnalyzer.Diagnostic(4).WithArguments("This CertificateValidation callback always returns true and"));
        }

        [Fact]
        public async Task RealValidation_IsNotFlagged()
        {
            var source = Usings + @"
class Settings
{
    public ClientConfig Kafka() => new ClientConfig { EnableSslCertificateVerification = true, SslEndpointIdentificationAlgorithm = SslEndpointIdentificationAlgorithm.Https };

    public ConfigurationOptions Redis(X509Certificate2 ca)
    {
        var options = new ConfigurationOptions { Ssl = true };
        options.CertificateValidation += (sender, certificate, chain, errors) => errors == SslPolicyErrors.None;
        return options;
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }
    }
}
