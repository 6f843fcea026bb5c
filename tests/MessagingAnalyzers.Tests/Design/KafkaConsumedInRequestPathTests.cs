using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Design.KafkaConsumedInRequestPathAnalyzer>;

namespace MessagingAnalyzers.Tests.Design
{
    public class KafkaConsumedInRequestPathTests
    {
        [Fact]
        public async Task ConsumerCallsInRequestHandlers_AreFlaggedOncePerHandler()
        {
            var source = KafkaSources.Usings + @"
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

[ApiController]
public class StatusController : ControllerBase
{
    private readonly IConsumer<string, string> _consumer;
    public StatusController(IConsumer<string, string> consumer) => _consumer = consumer;

    [HttpGet]
    public IActionResult Latest(string topic)
    {
        {|#0:_consumer.Subscribe(topic)|};
        var result = _consumer.Consume(TimeSpan.FromSeconds(2));
        return Ok(result?.Message.Value);
    }

    [HttpGet]
    public IActionResult Peek(ConsumerConfig config)
    {
        using var consumer = {|#1:new ConsumerBuilder<string, string>(config).Build()|};
        consumer.Assign(new TopicPartitionOffset(""status"", 0, Offset.End));
        return Ok(consumer.Consume(TimeSpan.FromSeconds(1))?.Message.Value);
    }
}

public static class Endpoints
{
    public static void Map(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app, IConsumer<string, string> consumer) =>
        app.MapGet(""/status"", () => Results.Ok({|#2:consumer.Consume(TimeSpan.FromSeconds(1))|}?.Message.Value));
}

public sealed class StatusMiddleware
{
    public async Task InvokeAsync(HttpContext context, IConsumer<string, string> consumer)
    {
        var result = {|#3:consumer.Consume(TimeSpan.FromMilliseconds(10))|};
        await Task.CompletedTask;
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("Latest", "_consumer.Subscribe"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("Peek", "ConsumerBuilder<string, string>.Build"),
                VerifyAnalyzer.Diagnostic(2).WithArguments("Map", "consumer.Consume"),
                VerifyAnalyzer.Diagnostic(3).WithArguments("InvokeAsync", "consumer.Consume"));
        }

        [Fact]
        public async Task BackgroundServicesAndMain_AreNotFlagged()
        {
            var source = KafkaSources.Usings + @"
public sealed class Projection : BackgroundService
{
    private readonly IConsumer<string, string> _consumer;
    public Projection(IConsumer<string, string> consumer) => _consumer = consumer;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        _consumer.Subscribe(""orders"");
        while (!stoppingToken.IsCancellationRequested)
        {
            _consumer.Consume(stoppingToken);
        }
    }, stoppingToken);
}

public static class Program
{
    public static void Main()
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { GroupId = ""cli"" }).Build();
        consumer.Subscribe(""orders"");
        Console.WriteLine(consumer.Consume(TimeSpan.FromSeconds(5))?.Message.Value);
        consumer.Close();
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }
    }
}
