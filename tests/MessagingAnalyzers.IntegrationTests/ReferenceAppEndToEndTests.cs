using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace MessagingAnalyzers.IntegrationTests
{
    /// <summary>
    /// The reference application end to end: POST /orders produces to Kafka (mock cluster), the projection consumes
    /// it into Redis, GET /orders/{id} reads Redis.
    /// </summary>
    [Collection(RedisCollection.Name)]
    public sealed class ReferenceAppEndToEndTests
    {
        private const string Url = "http://127.0.0.1:5089";
        private readonly RedisServer _server;

        public ReferenceAppEndToEndTests(RedisServer server) => _server = server;

        [SkippableFact]
        public async Task AnOrderAccepted_IsProjectedIntoRedis_AndReadBack()
        {
            _server.Require();
            await using var app = ReferenceApp.Program.BuildApp(new[]
            {
                "--urls", Url,
                "--Kafka:Mock=true",
                $"--Redis:Configuration=127.0.0.1:{RedisServer.Port},abortConnect=false",
                "--Logging:LogLevel:Default=Warning",
            });
            await app.StartAsync();
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri(Url) };
                var accepted = await http.PostAsJsonAsync("/orders", new { customerId = "c-1", total = 12.5m });
                Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
                var orderId = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("orderId").GetGuid();

                var deadline = DateTime.UtcNow.AddSeconds(60);
                HttpResponseMessage status;
                do
                {
                    await Task.Delay(200);
                    status = await http.GetAsync($"/orders/{orderId}");
                }
                while (status.StatusCode == HttpStatusCode.NotFound && DateTime.UtcNow < deadline);

                Assert.Equal(HttpStatusCode.OK, status.StatusCode);
                Assert.Equal("placed", JsonDocument.Parse(await status.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
            }
            finally
            {
                await app.StopAsync();
            }
        }
    }
}
