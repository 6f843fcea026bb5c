using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.WeakProducerDurabilityAnalyzer>;
using VerifyFix = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.WeakProducerDurabilityAnalyzer, MessagingAnalyzers.CodeFixes.Kafka.WeakProducerDurabilityCodeFix>;

namespace MessagingAnalyzers.Tests.Kafka
{
    public class WeakProducerDurabilityTests
    {
        private const string Usings = @"using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Confluent.Kafka;
";

        private const string AcksNone = "the producer does not wait for any acknowledgement, so messages are lost silently on any broker or network failure; use Acks.All";
        private const string AcksLeader = "only the partition leader acknowledges, so a leader failure loses acknowledged messages; use Acks.All";
        private const string NoIdempotence = "retries can write a message twice or out of order; set EnableIdempotence = true";
        private const string NoReports = "ProduceAsync can no longer tell whether a message was delivered; keep delivery reports on";

        [Fact]
        public async Task TypedProperties_AreFlagged()
        {
            var source = Usings + @"
class Factory
{
    public IProducer<string, string> Create()
    {
        var config = new ProducerConfig { BootstrapServers = ""b:9092"", {|#0:Acks = Acks.Leader|} };
        {|#1:config.EnableIdempotence = false|};
        return new ProducerBuilder<string, string>(config).Build();
    }

    public ProducerConfig Fast() => new ProducerConfig { {|#2:Acks = Acks.None|} };

    public async Task SendAsync(IProducer<string, string> p) => await p.ProduceAsync(""t"", new Message<string, string> { Value = ""v"" });

    public ProducerConfig NoReports() => new ProducerConfig { {|#3:EnableDeliveryReports = false|} };
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("Acks = Acks.Leader", AcksLeader),
                VerifyAnalyzer.Diagnostic(1).WithArguments("config.EnableIdempotence = false", NoIdempotence),
                VerifyAnalyzer.Diagnostic(2).WithArguments("Acks = Acks.None", AcksNone),
                VerifyAnalyzer.Diagnostic(3).WithArguments("EnableDeliveryReports = false", NoReports));
        }

        [Fact]
        public async Task StringKeys_InSetCallsAndDictionaries_AreFlagged()
        {
            var source = Usings + @"
class Factory
{
    private readonly Dictionary<string, string> _settings = new() { {|#0:[""acks""] = ""1""|} };

    public IProducer<Null, string> FromConfig()
    {
        var config = new ProducerConfig();
        {|#1:config.Set(""acks"", ""0"")|};
        {|#2:config.Set(""enable.idempotence"", ""false"")|};
        return new ProducerBuilder<Null, string>(config).Build();
    }

    public IProducer<Null, string> FromDictionary()
    {
        var settings = new Dictionary<string, string> { { ""bootstrap.servers"", ""b:9092"" }, {|#3:{ ""request.required.acks"", ""0"" }|} };
        {|#4:settings[""enable.idempotence""] = ""false""|};
        return new ProducerBuilder<Null, string>(settings).Build();
    }

    public IProducer<Null, string> FromField() => new ProducerBuilder<Null, string>(_settings).Build();

    public IProducer<Null, string> FromPairs()
    {
        IEnumerable<KeyValuePair<string, string>> pairs = new Dictionary<string, string> { {|#5:[""acks""] = ""0""|} };
        return new ProducerBuilder<Null, string>(pairs).Build();
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments(@"[""acks""] = ""1""", AcksLeader),
                VerifyAnalyzer.Diagnostic(1).WithArguments(@"config.Set(""acks"", ""0"")", AcksNone),
                VerifyAnalyzer.Diagnostic(2).WithArguments(@"config.Set(""enable.idempotence"", ""false"")", NoIdempotence),
                VerifyAnalyzer.Diagnostic(3).WithArguments(@"{ ""request.required.acks"", ""0"" }", AcksNone),
                VerifyAnalyzer.Diagnostic(4).WithArguments(@"settings[""enable.idempotence""] = ""false""", NoIdempotence),
                VerifyAnalyzer.Diagnostic(5).WithArguments(@"[""acks""] = ""0""", AcksNone));
        }

        [Fact]
        public async Task DurableSettings_AndUnrelatedDictionaries_AreNotFlagged()
        {
            var source = Usings + @"
class Factory
{
    public IProducer<string, string> Create()
    {
        var config = new ProducerConfig { Acks = Acks.All, EnableIdempotence = true };
        config.Set(""acks"", ""all"");
        config.Set(""acks"", ""-1"");
        var labels = new Dictionary<string, string> { [""acks""] = ""0"" };
        return new ProducerBuilder<string, string>(config).Build();
    }

    public ProducerConfig FireAndForgetWithoutProduceAsync() => new ProducerConfig { EnableDeliveryReports = false };
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task RequireIdempotence_FlagsProducerConfigsThatNeverSetIt()
        {
            var source = Usings + @"
class Factory
{
    public IProducer<string, string> Create() =>
        new ProducerBuilder<string, string>({|#0:new ProducerConfig { BootstrapServers = ""b:9092"", Acks = Acks.All }|}).Build();

    public IProducer<string, string> Idempotent()
    {
        var config = new ProducerConfig { BootstrapServers = ""b:9092"" };
        config.EnableIdempotence = true;
        return new ProducerBuilder<string, string>(config).Build();
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                new VerifyOptions { EditorConfig = "MSG2009.require_idempotence = true" },
                VerifyAnalyzer.Diagnostic(0).WithArguments(@"new ProducerConfig { BootstrapServers = ""b:9092"", Acks = ...",
                    "it never sets EnableIdempotence = true, so retries can write a message twice or out of order (require_idempotence is on)"));
        }

        [Fact]
        public async Task Fix_WritesDurableValues()
        {
            var source = Usings + @"
class Factory
{
    public IProducer<string, string> Create()
    {
        var config = new ProducerConfig { {|#0:Acks = Acks.Leader|}, {|#1:EnableIdempotence = false|} };
        {|#2:config.Set(""acks"", ""1"")|};
        {|#3:config.Set(""enable.idempotence"", ""false"")|};
        return new ProducerBuilder<string, string>(config).Build();
    }
}";
            var fixedSource = Usings + @"
class Factory
{
    public IProducer<string, string> Create()
    {
        var config = new ProducerConfig { Acks = Acks.All, EnableIdempotence = true };
        config.Set(""acks"", ""all"");
        config.Set(""enable.idempotence"", ""true"");
        return new ProducerBuilder<string, string>(config).Build();
    }
}";
            await VerifyFix.CodeFixAsync(source, fixedSource,
                VerifyFix.Diagnostic(0).WithArguments("Acks = Acks.Leader", AcksLeader),
                VerifyFix.Diagnostic(1).WithArguments("EnableIdempotence = false", NoIdempotence),
                VerifyFix.Diagnostic(2).WithArguments(@"config.Set(""acks"", ""1"")", AcksLeader),
                VerifyFix.Diagnostic(3).WithArguments(@"config.Set(""enable.idempotence"", ""false"")", NoIdempotence));
        }
    }
}
