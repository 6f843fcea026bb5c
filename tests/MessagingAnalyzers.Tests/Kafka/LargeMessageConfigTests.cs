using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Kafka.LargeMessageConfigAnalyzer>;

namespace MessagingAnalyzers.Tests.Kafka
{
    public class LargeMessageConfigTests
    {
        private const string Usings = @"using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Confluent.Kafka;
";

        [Fact]
        public async Task LargeLimitWithoutCompression_AndFileContents_AreFlagged()
        {
            var source = Usings + @"
class Uploader
{
    private readonly IProducer<string, byte[]> _producer;
    public Uploader(IProducer<string, byte[]> producer) => _producer = producer;

    public static ProducerConfig Config() => new ProducerConfig { BootstrapServers = ""b:9092"", {|#0:MessageMaxBytes = 20_000_000|} };

    public static IProducer<Null, string> FromSet()
    {
        var config = new ProducerConfig();
        {|#1:config.Set(""message.max.bytes"", ""5000000"")|};
        return new ProducerBuilder<Null, string>(config).Build();
    }

    public async Task UploadAsync(string path)
    {
        var bytes = await File.ReadAllBytesAsync(path);
        await {|#2:_producer.ProduceAsync(""files"", new Message<string, byte[]> { Key = path, Value = bytes })|};
    }

    public void UploadStream(Stream input, string name)
    {
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        {|#3:_producer.Produce(""files"", new Message<string, byte[]> { Key = name, Value = buffer.ToArray() }, r => { })|};
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("'MessageMaxBytes = 20_000_000' raises the message size limit to 20000000 bytes without compression"),
                VerifyAnalyzer.Diagnostic(1).WithArguments(@"'config.Set(""message.max.bytes"", ""5000000"")' raises the message size limit to 5000000 bytes without compression"),
                VerifyAnalyzer.Diagnostic(2).WithArguments("'_producer.ProduceAsync' sends the contents of a file as a message"),
                VerifyAnalyzer.Diagnostic(3).WithArguments("'_producer.Produce' sends the contents of a file as a message"));
        }

        [Fact]
        public async Task CompressedOrDefaultLimits_AndSmallValues_AreNotFlagged()
        {
            var source = Usings + @"
class Sender
{
    public static ProducerConfig Compressed() => new ProducerConfig { MessageMaxBytes = 10_000_000, CompressionType = CompressionType.Zstd };
    public static ProducerConfig Default() => new ProducerConfig { MessageMaxBytes = 1_000_000 };

    public static ProducerConfig CompressedLater()
    {
        var config = new ProducerConfig { MessageMaxBytes = 4_000_000 };
        config.CompressionType = CompressionType.Lz4;
        return config;
    }

    public void Send(IProducer<string, string> producer, string path) =>
        producer.Produce(""paths"", new Message<string, string> { Key = path, Value = Path.GetFileName(path) }, r => { });
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }
    }
}
