namespace OrderService;

public sealed record PlaceOrder(string CustomerId, decimal Total);

public sealed record OrderPlaced(Guid OrderId, string CustomerId, decimal Total, DateTimeOffset PlacedAt);

public sealed record QuoteRequest(string Sku, int Quantity);

public static class Topics
{
    public const string Orders = "orders";
    public const string QuoteRequests = "quote-requests";
}
