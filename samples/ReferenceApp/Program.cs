namespace ReferenceApp;

public static class Program
{
    public static async Task Main(string[] args) => await BuildApp(args).RunAsync();

    /// <summary>The application, built but not started (the end-to-end test starts it in-process).</summary>
    public static WebApplication BuildApp(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddMessaging(builder.Configuration);
        var app = builder.Build();

        // Accept the order, publish the event to Kafka, answer 202: no waiting for downstream services.
        app.MapPost("/orders", async (PlaceOrder command, OrderEvents events, CancellationToken ct) =>
        {
            var placed = new OrderPlaced(Guid.NewGuid(), command.CustomerId, command.Total, DateTimeOffset.UtcNow);
            await events.PublishAsync(placed, ct);
            return Results.Accepted($"/orders/{placed.OrderId}", new { orderId = placed.OrderId });
        });

        // Read the projection from Redis: fast, and never a Kafka round trip in the request path.
        app.MapGet("/orders/{id:guid}", async (Guid id, OrderStatusStore store) =>
            await store.GetAsync(id) is { } status ? Results.Ok(new { orderId = id, status }) : Results.NotFound());

        return app;
    }
}
