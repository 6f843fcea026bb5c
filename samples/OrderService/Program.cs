using Confluent.Kafka;
using OrderService;
using OrderService.Recommended;
using StackExchange.Redis;

var builder = WebApplication.CreateBuilder(args);
var kafka = builder.Configuration["Kafka:BootstrapServers"] ?? "localhost:9092";

// One long-lived client of each kind for the whole process.
builder.Services.AddSingleton<IConnectionMultiplexer>(_ =>
    ConnectionMultiplexer.Connect(builder.Configuration["Redis:Configuration"] ?? "localhost:6379"));
builder.Services.AddSingleton(_ =>
    new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = kafka, Acks = Acks.All, EnableIdempotence = true }).Build());
builder.Services.AddSingleton(_ =>
    new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = kafka, GroupId = "order-status-projection" }).Build());
builder.Services.AddSingleton<OrderEvents>();
builder.Services.AddHostedService<OrderStatusProjection>();

var app = builder.Build();

// Accept the order, publish the event to Kafka, answer 202: no waiting for downstream services.
app.MapPost("/orders", async (PlaceOrder command, OrderEvents events, CancellationToken ct) =>
{
    var placed = new OrderPlaced(Guid.NewGuid(), command.CustomerId, command.Total, DateTimeOffset.UtcNow);
    await events.PublishAsync(placed, ct);
    return Results.Accepted($"/orders/{placed.OrderId}", new { placed.OrderId });
});

// Read the projection from Redis: fast, and never a Kafka round trip in the request path.
app.MapGet("/orders/{id:guid}", async (Guid id, IConnectionMultiplexer redis) =>
{
    var status = await redis.GetDatabase().StringGetAsync($"order-status:{id}");
    return status.IsNull ? Results.NotFound() : Results.Ok(new { id, status = status.ToString() });
});

app.Run();
