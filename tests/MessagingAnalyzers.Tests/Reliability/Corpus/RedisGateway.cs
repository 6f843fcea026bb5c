using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;
using StackExchange.Redis;

namespace Shop.Gateway
{
    [ApiController]
    public sealed class CatalogController : ControllerBase
    {
        private static readonly string ScriptBase = "return redis.call('GET', KEYS[1])";
        private readonly IConnectionMultiplexer _mux;

        public CatalogController(IConnectionMultiplexer mux) => _mux = mux;

        [HttpGet]
        public async Task<IActionResult> Product(string id, string field)
        {
            var db = _mux.GetDatabase();
            var cached = db.StringGet($"cache:product:{id}");
            if (cached.IsNull)
            {
                var json = await System.IO.File.ReadAllTextAsync($"/data/{id}.json");
                db.StringSet($"cache:product:{id}", json);
                cached = json;
            }

            var keys = _mux.GetServer("localhost", 6379).Keys(pattern: "cache:*").Count();
            var script = ScriptBase + " -- " + field;
            var extra = await db.ScriptEvaluateAsync(script, new RedisKey[] { id });
            db.Execute("BLPOP", "jobs", 1);
            return Ok(new { cached = cached.ToString(), keys, extra = extra.ToString() });
        }

        [HttpPost]
        public IActionResult Admin()
        {
            using var admin = ConnectionMultiplexer.Connect("cache.example.com:6379,password=secret,ssl=false,allowAdmin=true");
            var sub = admin.GetSubscriber();
            sub.Subscribe(RedisChannel.Literal("invalidate"), async (channel, value) => await Task.Delay(1));
            var entries = admin.GetDatabase().StreamReadGroup("events", "g", "c", ">", 10, noAck: true);
            admin.GetDatabase().StreamAdd("events", "payload", "x", flags: CommandFlags.FireAndForget);
            return Ok(entries.Length);
        }
    }
}
