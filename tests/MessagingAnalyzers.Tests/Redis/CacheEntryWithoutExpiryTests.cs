using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Redis.CacheEntryWithoutExpiryAnalyzer>;
using VerifyFix = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Redis.CacheEntryWithoutExpiryAnalyzer, MessagingAnalyzers.CodeFixes.Redis.CacheEntryWithoutExpiryCodeFix>;

namespace MessagingAnalyzers.Tests.Redis
{
    public class CacheEntryWithoutExpiryTests
    {
        [Fact]
        public async Task CacheWritesWithoutExpiry_AreFlagged_AndTheFixAddsOne()
        {
            var source = RedisSources.InService(@"
    public async Task StoreAsync(string id, string json)
    {
        {|#0:_db.StringSet($""cache:product:{id}"", json)|};
        await {|#1:_db.StringSetAsync(""product:"" + id, json)|};
    }

    public void CacheUser(string id, string json) => {|#2:_db.StringSet(""user:"" + id, json)|};");
            var fixedSource = RedisSources.InService(@"
    public async Task StoreAsync(string id, string json)
    {
        _db.StringSet($""cache:product:{id}"", json, TimeSpan.FromSeconds(300));
        await _db.StringSetAsync(""product:"" + id, json, TimeSpan.FromSeconds(300));
    }

    public void CacheUser(string id, string json) => _db.StringSet(""user:"" + id, json, TimeSpan.FromSeconds(300));");
            await VerifyFix.CodeFixAsync(source, fixedSource,
                new VerifyOptions { EditorConfig = "MSG3009.cache_patterns = cache, product\nMSG3009.default_ttl = 00:05:00" },
                VerifyFix.Diagnostic(0).WithArguments("_db.StringSet", "cache:product:{…}"),
                VerifyFix.Diagnostic(1).WithArguments("_db.StringSetAsync", "product:{…}"),
                VerifyFix.Diagnostic(2).WithArguments("_db.StringSet", "user:{…}"));
        }

        [Fact]
        public async Task Fix_ReadsTheDefaultTtl_FromAGlobalConfigToo()
        {
            var source = RedisSources.InService(@"
    public void Keep(string id, string json) => {|#0:_db.StringSet($""cache:product:{id}"", json)|};");
            var fixedSource = RedisSources.InService(@"
    public void Keep(string id, string json) => _db.StringSet($""cache:product:{id}"", json, TimeSpan.FromSeconds(120));");
            await VerifyFix.CodeFixAsync(source, fixedSource,
                new VerifyOptions { GlobalConfig = "MSG3009.default_ttl = 00:02:00" },
                VerifyFix.Diagnostic(0).WithArguments("_db.StringSet", "cache:product:{…}"));
        }

        [Fact]
        public async Task ExpiringOrNonCacheWrites_AreNotFlagged()
        {
            var source = RedisSources.InService(@"
    public void Store(string id, string json)
    {
        _db.StringSet($""cache:{id}"", json, TimeSpan.FromMinutes(5));
        _db.StringSet($""cache:{id}"", json, null, keepTtl: true);
        _db.StringSet($""session:{id}"", json);
    }");
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task TestCode_IsNotFlagged()
        {
            await VerifyAnalyzer.AnalyzerAsync(RedisSources.Usings + TestAttributes.Source + @"
public class CacheTests
{
    [Xunit.Fact]
    public void Writes(IDatabase db)
    {
        db.StringSet(""cache:x"", ""1"");
    }
}");
        }
    }
}
