using FixAll;

var builder = WebApplication.CreateBuilder(args);
Registration.AddMessaging(builder.Services, builder.Configuration["Kafka:BootstrapServers"] ?? "localhost:9092");
builder.Services.AddHostedService<StockProjection>();

var app = builder.Build();
app.MapGet("/", () => "order and inventory service");
app.Run();
