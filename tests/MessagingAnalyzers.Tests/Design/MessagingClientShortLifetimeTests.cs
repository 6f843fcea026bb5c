using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Design.MessagingClientShortLifetimeAnalyzer>;
using VerifyFix = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Design.MessagingClientShortLifetimeAnalyzer, MessagingAnalyzers.CodeFixes.Design.MessagingClientShortLifetimeCodeFix>;

namespace MessagingAnalyzers.Tests.Design
{
    public class MessagingClientShortLifetimeTests
    {
        private const string Usings = @"using System;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;
";

        [Fact]
        public async Task ScopedAndTransientClients_AreFlagged_InEveryForm()
        {
            var source = Usings + @"
static class Registrations
{
    public static void Register(IServiceCollection services, ProducerConfig producerConfig, ConsumerConfig consumerConfig)
    {
        {|#0:services.AddScoped<IProducer<string, string>>(_ => new ProducerBuilder<string, string>(producerConfig).Build())|};
        {|#1:services.AddTransient(_ => new ConsumerBuilder<string, string>(consumerConfig).Build())|};
        {|#2:services.AddScoped<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(""localhost""))|};
        {|#3:services.AddScoped(typeof(IAdminClient), _ => new AdminClientBuilder(producerConfig).Build())|};
        {|#4:services.TryAddTransient<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(""localhost""))|};
        {|#5:services.AddKeyedScoped<IProducer<Null, string>>(""audit"", (_, _) => new ProducerBuilder<Null, string>(producerConfig).Build())|};
        services.Add({|#6:ServiceDescriptor.Scoped<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(""localhost""))|});
        services.Add({|#7:new ServiceDescriptor(typeof(IConnectionMultiplexer), _ => ConnectionMultiplexer.Connect(""localhost""), ServiceLifetime.Transient)|});
        services.Add({|#8:ServiceDescriptor.Describe(typeof(IProducer<string, string>), _ => new ProducerBuilder<string, string>(producerConfig).Build(), ServiceLifetime.Scoped)|});
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("AddScoped", "IProducer<string, string>", "scoped"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("AddTransient", "IConsumer<string, string>", "transient"),
                VerifyAnalyzer.Diagnostic(2).WithArguments("AddScoped", "IConnectionMultiplexer", "scoped"),
                VerifyAnalyzer.Diagnostic(3).WithArguments("AddScoped", "IAdminClient", "scoped"),
                VerifyAnalyzer.Diagnostic(4).WithArguments("TryAddTransient", "IConnectionMultiplexer", "transient"),
                VerifyAnalyzer.Diagnostic(5).WithArguments("AddKeyedScoped", "IProducer<Null, string>", "scoped"),
                VerifyAnalyzer.Diagnostic(6).WithArguments("Scoped", "IConnectionMultiplexer", "scoped"),
                VerifyAnalyzer.Diagnostic(7).WithArguments("new ServiceDescriptor", "IConnectionMultiplexer", "transient"),
                VerifyAnalyzer.Diagnostic(8).WithArguments("Describe", "IProducer<string, string>", "scoped"));
        }

        [Fact]
        public async Task Singletons_AndOtherServices_AreNotFlagged()
        {
            var source = Usings + @"
interface IOrderBus { }
sealed class KafkaOrderBus : IOrderBus { public KafkaOrderBus(IProducer<string, string> producer) { } }

static class Registrations
{
    public static void Register(IServiceCollection services, ProducerConfig config)
    {
        services.AddSingleton<IProducer<string, string>>(_ => new ProducerBuilder<string, string>(config).Build());
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(""localhost""));
        services.AddKeyedSingleton<IConnectionMultiplexer>(""cache"", (_, _) => ConnectionMultiplexer.Connect(""localhost""));
        services.TryAddSingleton(typeof(IAdminClient), _ => new AdminClientBuilder(config).Build());
        services.AddScoped<IOrderBus, KafkaOrderBus>();
        services.AddScoped(_ => _.GetRequiredService<IConnectionMultiplexer>().GetDatabase());
        services.Add(ServiceDescriptor.Singleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(""localhost"")));
    }
}";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task Fix_RegistersAsSingleton()
        {
            var source = Usings + @"
static class Registrations
{
    public static void Register(IServiceCollection services, ProducerConfig config)
    {
        {|#0:services.AddScoped<IProducer<string, string>>(_ => new ProducerBuilder<string, string>(config).Build())|};
        {|#1:services.TryAddTransient<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(""localhost""))|};
        services.Add({|#2:new ServiceDescriptor(typeof(IConnectionMultiplexer), _ => ConnectionMultiplexer.Connect(""localhost""), ServiceLifetime.Transient)|});
    }
}";
            var fixedSource = Usings + @"
static class Registrations
{
    public static void Register(IServiceCollection services, ProducerConfig config)
    {
        services.AddSingleton<IProducer<string, string>>(_ => new ProducerBuilder<string, string>(config).Build());
        services.TryAddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(""localhost""));
        services.Add(new ServiceDescriptor(typeof(IConnectionMultiplexer), _ => ConnectionMultiplexer.Connect(""localhost""), ServiceLifetime.Singleton));
    }
}";
            await VerifyFix.CodeFixAsync(source, fixedSource,
                VerifyFix.Diagnostic(0).WithArguments("AddScoped", "IProducer<string, string>", "scoped"),
                VerifyFix.Diagnostic(1).WithArguments("TryAddTransient", "IConnectionMultiplexer", "transient"),
                VerifyFix.Diagnostic(2).WithArguments("new ServiceDescriptor", "IConnectionMultiplexer", "transient"));
        }
    }
}
