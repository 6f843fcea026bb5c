namespace MessagingAnalyzers
{
    /// <summary>Every rule ID of the package, in one place. IDs are final: see ../shared/RULES.md.</summary>
    public static class DiagnosticIds
    {
        public const string RedisPubSubAsDurableEventLog = "MSG1001";
        public const string KafkaRequestReply = "MSG1002";
        public const string ProduceAsyncBlocked = "MSG2001";
    }
}
