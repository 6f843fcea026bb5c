namespace MessagingAnalyzers
{
    /// <summary>Every rule ID of the package, in one place. IDs are final: see ../shared/RULES.md.</summary>
    public static class DiagnosticIds
    {
        public const string RedisPubSubAsDurableEventLog = "MSG1001";
        public const string KafkaRequestReply = "MSG1002";
        public const string KafkaConsumedInRequestPath = "MSG1003";
        public const string MessagingClientShortLifetime = "MSG1004";
        public const string DualWriteWithoutOutbox = "MSG1005";
        public const string LargePayloadThroughRedis = "MSG1006";
        public const string ProduceAsyncBlocked = "MSG2001";
        public const string ProduceAsyncAwaitedInLoop = "MSG2002";
        public const string FlushPerMessage = "MSG2003";
        public const string ClientBuiltPerOperation = "MSG2004";
        public const string ProducerDisposedWithoutFlush = "MSG2005";
        public const string ConsumerDisposedWithoutClose = "MSG2006";
        public const string OffsetStoredBeforeProcessing = "MSG2007";
        public const string StoreOffsetWithAutoStoreEnabled = "MSG2008";
        public const string WeakProducerDurability = "MSG2009";
        public const string DeliveryResultUnobserved = "MSG2010";
        public const string ConsumeErrorsUnhandled = "MSG2011";
        public const string NullKeyLosesOrdering = "MSG2012";
        public const string ConsumeBlocksAsyncContext = "MSG2013";
        public const string LargeMessageConfig = "MSG2014";
        public const string SubscribeWithoutGroupId = "MSG2015";
        public const string EphemeralConsumerGroup = "MSG2016";
        public const string CommitAfterFailure = "MSG2017";
        public const string CommitFromConcurrentProcessing = "MSG2018";
        public const string MultiplexerPerOperation = "MSG3001";
        public const string DestructivePopQueue = "MSG3002";
        public const string StreamEntriesNeverAcknowledged = "MSG3003";
        public const string StreamAcknowledgedBeforeProcessing = "MSG3004";
        public const string StreamGrowsUnbounded = "MSG3005";
        public const string NonAtomicIncrementExpire = "MSG3006";
        public const string UnsafeLock = "MSG3007";
        public const string SubscribeHandlerUnsafe = "MSG3008";
        public const string CacheEntryWithoutExpiry = "MSG3009";
        public const string KeyspaceScan = "MSG3010";
        public const string BlockingCommandOnMultiplexer = "MSG3011";
        public const string FireAndForgetDurableWrite = "MSG3012";
        public const string SyncRedisCallInAsyncMethod = "MSG3013";
        public const string HardcodedMessagingCredential = "MSG4001";
        public const string CertificateValidationDisabled = "MSG4002";
        public const string CredentialsOverPlaintext = "MSG4003";
        public const string LuaScriptInjection = "MSG4004";
        public const string RedisAdminModeEnabled = "MSG4005";
    }

    /// <summary>IDs of the package's diagnostic suppressors (MSGS0xx).</summary>
    public static class SuppressionIds
    {
        public const string ProduceWithDeliveryHandlerIsNotBlocking = "MSGS001";
    }
}
