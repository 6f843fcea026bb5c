namespace MessagingAnalyzers.Tests.Infrastructure
{
    /// <summary>Using directives shared by the Kafka rule tests.</summary>
    internal static class KafkaSources
    {
        public const string Usings = @"using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Hosting;
";
    }
}
