using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Redis.SubscribeHandlerUnsafeAnalyzer>;
using VerifyFix = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Redis.SubscribeHandlerUnsafeAnalyzer, MessagingAnalyzers.CodeFixes.Redis.SubscribeHandlerUnsafeCodeFix>;

namespace MessagingAnalyzers.Tests.Redis
{
    public class SubscribeHandlerUnsafeTests
    {
        [Fact]
        public async Task AsyncAndThrowingHandlers_AreFlagged()
        {
            var source = RedisSources.InService(@"
    private Task HandleAsync(RedisValue value) => Task.CompletedTask;
    private async void OnInvalidate(RedisChannel channel, RedisValue value) => await HandleAsync(value);

    public async Task StartAsync()
    {
        var sub = _redis.GetSubscriber();
        sub.Subscribe(RedisChannel.Literal(""a""), {|#0:async (channel, value) => await HandleAsync(value)|});
        sub.Subscribe(RedisChannel.Literal(""b""), {|#1:OnInvalidate|});
        await sub.SubscribeAsync(RedisChannel.Literal(""c""), {|#2:(channel, value) => Process(value)|});
    }");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("sub.Subscribe", "is an async lambda, which runs as async void", Crash),
                VerifyAnalyzer.Diagnostic(1).WithArguments("sub.Subscribe", "is the async method 'OnInvalidate', which runs as async void", Crash),
                VerifyAnalyzer.Diagnostic(2).WithArguments("sub.SubscribeAsync", "can throw, and nothing catches it", Swallowed));
        }

        [Fact]
        public async Task SafeHandlers_AndQueues_AreNotFlagged()
        {
            var source = RedisSources.InService(@"
    private readonly System.Threading.Channels.Channel<RedisValue> _inbox = System.Threading.Channels.Channel.CreateUnbounded<RedisValue>();
    private int _count;

    public void Start()
    {
        var sub = _redis.GetSubscriber();
        sub.Subscribe(RedisChannel.Literal(""a""), (channel, value) =>
        {
            try { Process(value); }
            catch (Exception e) { Console.Error.WriteLine(e); }
        });
        sub.Subscribe(RedisChannel.Literal(""b""), (channel, value) => _inbox.Writer.TryWrite(value));
        sub.Subscribe(RedisChannel.Literal(""c""), (channel, value) => Interlocked.Increment(ref _count));
        sub.Subscribe(RedisChannel.Literal(""d"")).OnMessage(async m => { try { await Task.Yield(); Process(m.Message); } catch { } });
    }");
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task LoggingAndTryHandlers_AreNotFlagged_ButOtherWorkBesideThemIs()
        {
            var source = RedisSources.InService(@"
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _items = new();

    public void Start()
    {
        var sub = _redis.GetSubscriber();
        sub.Subscribe(RedisChannel.Pattern(""events:*""), (channel, value) => Console.WriteLine($""{channel}: {value}""));
        sub.Subscribe(RedisChannel.Literal(""invalidate""), (channel, value) => _items.TryRemove((string)value!, out var removed));
        sub.Subscribe(RedisChannel.Literal(""trace""), (channel, value) => System.Diagnostics.Trace.WriteLine((string?)value));
        sub.Subscribe(RedisChannel.Literal(""work""), {|#0:(channel, value) => { Console.WriteLine(value); Process(value); }|});
    }");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("sub.Subscribe", "can throw, and nothing catches it", Swallowed));
        }

        [Fact]
        public async Task Fix_MovesTheHandlerToOnMessage()
        {
            var source = RedisSources.InService(@"
    private Task HandleAsync(RedisValue value) => Task.CompletedTask;

    public void Start(ISubscriber sub)
    {
        sub.Subscribe(RedisChannel.Literal(""a""), {|#0:async (channel, value) => await HandleAsync(value)|});
    }");
            var fixedSource = RedisSources.InService(@"
    private Task HandleAsync(RedisValue value) => Task.CompletedTask;

    public void Start(ISubscriber sub)
    {
        sub.Subscribe(RedisChannel.Literal(""a"")).OnMessage(async message =>
        {
            var channel = message.Channel;
            var value = message.Message;
            try
            {
                await HandleAsync(value);
            }
            catch (Exception ex)
            {
                System.Diagnostics.Trace.TraceError($""Handler for {message.Channel} failed: {ex}"");
            }
        });
    }");
            await VerifyFix.CodeFixAsync(source, fixedSource, VerifyFix.Diagnostic(0).WithArguments("sub.Subscribe", "is an async lambda, which runs as async void", Crash));
        }

        private const string Crash = "an exception it throws escapes StackExchange.Redis to the thread pool and crashes the process";

        private const string Swallowed = "StackExchange.Redis does not surface exceptions thrown by subscription handlers, so failures disappear";

        [Fact]
        public async Task Message_SaysTheProcessCanCrash_OnlyForAsyncVoidHandlers()
        {
            var source = RedisSources.InService(@"
    private Task HandleAsync(RedisValue value) => Task.CompletedTask;

    public void Start(ISubscriber sub)
    {
        sub.Subscribe(RedisChannel.Literal(""a""), {|#0:async (channel, value) => await HandleAsync(value)|});
        sub.Subscribe(RedisChannel.Literal(""b""), {|#1:(channel, value) => Process(value)|});
    }");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithMessage("The handler given to 'sub.Subscribe' is an async lambda, which runs as async void: an exception it throws escapes StackExchange.Redis to the thread pool and crashes the process. Subscribe to a ChannelMessageQueue with Subscribe(channel).OnMessage(...) and handle exceptions inside the handler."),
                VerifyAnalyzer.Diagnostic(1).WithMessage("The handler given to 'sub.Subscribe' can throw, and nothing catches it: StackExchange.Redis does not surface exceptions thrown by subscription handlers, so failures disappear. Subscribe to a ChannelMessageQueue with Subscribe(channel).OnMessage(...) and handle exceptions inside the handler."));
        }

        [Fact]
        public async Task Fix_PicksNamesThatClashWithNothing_AndLogsThroughTheLoggerInScope()
        {
            // 'message' is a parameter of the method and 'ex' a local of the handler: the fix's names must not clash
            // (or hide them), and the handler's failures go to the service's ILogger.
            var source = RedisSources.Usings + @"using Microsoft.Extensions.Logging;

public class Relay
{
    private readonly ILogger<Relay> _log;
    public Relay(ILogger<Relay> log) => _log = log;

    public void Start(ISubscriber sub, string message)
    {
        sub.Subscribe(RedisChannel.Literal(""relay""), {|#0:(channel, value) =>
        {
            var ex = message + value;
            Forward(ex);
        }|});
    }

    private void Forward(string text) { if (text.Length == 0) throw new ArgumentException(""empty""); }
}";
            var fixedSource = RedisSources.Usings + @"using Microsoft.Extensions.Logging;

public class Relay
{
    private readonly ILogger<Relay> _log;
    public Relay(ILogger<Relay> log) => _log = log;

    public void Start(ISubscriber sub, string message)
    {
        sub.Subscribe(RedisChannel.Literal(""relay"")).OnMessage(message2 =>
        {
            var channel = message2.Channel;
            var value = message2.Message;
            try
            {
                var ex = message + value;
                Forward(ex);
            }
            catch (Exception ex2)
            {
                _log.LogError(ex2, ""Handler for {Channel} failed"", message2.Channel);
            }
        });
    }

    private void Forward(string text) { if (text.Length == 0) throw new ArgumentException(""empty""); }
}";
            await VerifyFix.CodeFixAsync(source, fixedSource, VerifyFix.Diagnostic(0).WithArguments("sub.Subscribe", "can throw, and nothing catches it", Swallowed));
        }
    }
}
