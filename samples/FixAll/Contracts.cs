namespace FixAll;

public sealed record StockChanged(string Sku, int Quantity);

public static class Topics
{
    public const string Orders = "orders";
    public const string Stock = "stock";
}
