namespace MessagingAnalyzers
{
    internal static class DiagnosticCategories
    {
        public const string Design = "Design";
        public const string Kafka = "Kafka";
        public const string Redis = "Redis";
        public const string Security = "Security";
    }
}
