using System.Threading.Tasks;
using MessagingAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyAnalyzer = MessagingAnalyzers.Tests.Infrastructure.Verify<MessagingAnalyzers.Security.LuaScriptInjectionAnalyzer>;

namespace MessagingAnalyzers.Tests.Security
{
    public class LuaScriptInjectionTests
    {
        [Fact]
        public async Task ScriptsBuiltFromData_AreFlagged()
        {
            var source = RedisSources.InService(@"
    public void Run(string field, string value)
    {
        {|#0:_db.ScriptEvaluate($""return redis.call('HGET', KEYS[1], '{field}')"", new RedisKey[] { ""h"" })|};
        var script = ""return redis.call('SET', KEYS[1], '"" + value + ""')"";
        {|#1:_db.ScriptEvaluate(script, new RedisKey[] { ""k"" })|};
        {|#2:LuaScript.Prepare(string.Format(""return redis.call('GET', '{0}')"", value))|};
        var builder = new System.Text.StringBuilder(""return "");
        builder.Append(value);
        {|#3:_db.Execute(""EVAL"", builder.ToString(), 0)|};
    }");
            await VerifyAnalyzer.AnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic(0).WithArguments("_db.ScriptEvaluate", "string interpolation"),
                VerifyAnalyzer.Diagnostic(1).WithArguments("_db.ScriptEvaluate", "string concatenation"),
                VerifyAnalyzer.Diagnostic(2).WithArguments("LuaScript.Prepare", "string.Format"),
                VerifyAnalyzer.Diagnostic(3).WithArguments("_db.Execute", "a StringBuilder"));
        }

        [Fact]
        public async Task ConstantScripts_AreNotFlagged()
        {
            var source = RedisSources.InService(@"
    private const string Get = ""return redis.call('GET', KEYS[1])"";
    private static readonly string Set = ""return redis.call('SET', KEYS[1], ARGV[1])"";

    public void Run(string value)
    {
        _db.ScriptEvaluate(Get, new RedisKey[] { ""k"" });
        _db.ScriptEvaluate(Set, new RedisKey[] { ""k"" }, new RedisValue[] { value });
        _db.ScriptEvaluate(""return 1"");
        LuaScript.Prepare(""return redis.call('GET', @key)"");
    }");
            await VerifyAnalyzer.AnalyzerAsync(source);
        }
    }
}
