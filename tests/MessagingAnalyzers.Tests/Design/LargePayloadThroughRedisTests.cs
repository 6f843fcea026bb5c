using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Design.LargePayloadThroughRedisAnalyzer>;

namespace MessagingAnalyzers.Tests.Design
{
    public class LargePayloadThroughRedisTests
    {
        [Fact]
        public async Task FileContentsAndLargeConstants_AreFlagged()
        {
            var source = RedisSources.InService(@"
    private const string Banner = ""0123456789012345678901234567890123456789"";

    public async Task StoreAsync(string path, Stream upload)
    {
        {|#0:_db.StringSet(""report"", File.ReadAllBytes(path))|};
        var text = await File.ReadAllTextAsync(path);
        await {|#1:_redis.GetSubscriber().PublishAsync(RedisChannel.Literal(""files""), text)|};
        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer);
        {|#2:_db.HashSet(""uploads"", ""latest"", buffer.ToArray())|};
        {|#3:_db.StringSet(""banner"", Banner)|};
    }");
            await VerifyAnalyzer.AnalyzerAsync(source,
                new VerifyOptions { EditorConfig = "MSG1006.max_bytes = 20" },
                VerifyAnalyzer.Diagnostic(0).WithArguments("_db.StringSet", "the contents of a file"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("_redis.GetSubscriber().PublishAsync", "the contents of a file"),
                VerifyAnalyzer.Diagnostic(2).WithArguments("_db.HashSet", "the contents of a file"),
                VerifyAnalyzer.Diagnostic(3).WithArguments("_db.StringSet", "a 40-character constant (more than max_bytes = 20)"));
        }

        [Fact]
        public async Task SmallValuesAndIds_AreNotFlagged()
        {
            var source = RedisSources.InService(@"
    public void Store(string path, Guid id)
    {
        _db.StringSet(""report:path"", path);
        _db.StringSet(""report:id"", id.ToString());
        _db.StringSet(""report:name"", Path.GetFileName(path));
    }");
            await VerifyAnalyzer.AnalyzerAsync(source);
        }

        [Fact]
        public async Task FileStoreTypes_ChoseToKeepFilesInRedis_AndAreNotFlagged()
        {
            var source = RedisSources.Usings + """

public interface IAttachmentBlobStore
{
    Task SaveAsync(string name, string path);
}

public class RedisAttachments : IAttachmentBlobStore
{
    private readonly IDatabase _db;

    public RedisAttachments(IDatabase db) => _db = db;

    public async Task SaveAsync(string name, string path)
    {
        await _db.StringSetAsync("attachment:" + name, await File.ReadAllBytesAsync(path));
        await _db.HashSetAsync("attachment-meta:" + name, "size", new FileInfo(path).Length);
    }
}

public class RedisFileStorage
{
    private readonly IDatabase _db;

    public RedisFileStorage(IDatabase db) => _db = db;

    public void Put(string name, string path) => _db.StringSet("file:" + name, File.ReadAllBytes(path));
}
""";
            await VerifyAnalyzer.AnalyzerAsync(source);
        }
    }
}
