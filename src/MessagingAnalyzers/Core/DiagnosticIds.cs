namespace MessagingAnalyzers
{
    /// <summary>Every rule ID of the package, in one place. IDs are final: see ../shared/RULES.md.</summary>
    public static class DiagnosticIds
    {
        public const string RedisPubSubAsDurableEventLog = "MSG1001";
        public const string KafkaRequestReply = "MSG1002";
        public const string MessagingClientShortLifetime = "MSG1004";
        public const string ProduceAsyncBlocked = "MSG2001";
        public const string ProduceAsyncAwaitedInLoop = "MSG2002";
        public const string FlushPerMessage = "MSG2003";
        public const string ClientBuiltPerOperation = "MSG2004";
        public const string ProducerDisposedWithoutFlush = "MSG2005";
        public const string WeakProducerDurability = "MSG2009";
        public const string DeliveryResultUnobserved = "MSG2010";
        public const string NullKeyLosesOrdering = "MSG2012";
        public const string LargeMessageConfig = "MSG2014";
    }
}
