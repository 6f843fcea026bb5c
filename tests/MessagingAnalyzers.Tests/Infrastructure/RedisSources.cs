namespace MessagingAnalyzers.Tests.Infrastructure
{
    /// <summary>Using directives and a service skeleton shared by the Redis rule tests.</summary>
    internal static class RedisSources
    {
        public const string Usings = @"using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Hosting;
";

        /// <summary>A class <c>Service</c> with <c>_redis</c> (IConnectionMultiplexer) and <c>_db</c> (IDatabase) fields.</summary>
        public static string InService(string members) => Usings + @"
public class Service
{
    private readonly IConnectionMultiplexer _redis;
    private readonly IDatabase _db;
    public Service(IConnectionMultiplexer redis) { _redis = redis; _db = redis.GetDatabase(); }
    private void Process(RedisValue value) { }
" + members + @"
}";
    }
}
