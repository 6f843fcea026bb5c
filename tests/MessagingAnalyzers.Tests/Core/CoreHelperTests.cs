using System.Linq;
using MessagingAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Xunit;

namespace MessagingAnalyzers.Tests.Core
{
    /// <summary>The shared core's allocation-free helpers answer exactly what the helpers they replaced answered.</summary>
    public class CoreHelperTests
    {
        private const string Source = @"
namespace Microsoft.Extensions.DependencyInjection.Extensions { public class A { } }
namespace Microsoft.Extensions.DependencyInjection { public class B { } }
namespace Microsoft.Extensions { public class C { } }
namespace MyMicrosoft.Extensions.DependencyInjection { public class D { } }
public class E
{
    void M(int x)
    {
        System.Console.WriteLine(x + 1);
        System.Action a = () => System.Console.WriteLine(2);
        int Local() => 3;
        System.Console.WriteLine(Local());
    }
}";

        private static CSharpCompilation Compile(ClientSet? clients = null) =>
            CSharpCompilation.Create(
                "Core",
                new[] { CSharpSyntaxTree.ParseText(Source, new CSharpParseOptions(LanguageVersion.Latest)) },
                Basic.Reference.Assemblies.Net100.References.All.Concat(clients?.References ?? Enumerable.Empty<MetadataReference>()),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        [Theory]
        [InlineData("Microsoft.Extensions.DependencyInjection.Extensions.A")]
        [InlineData("Microsoft.Extensions.DependencyInjection.B")]
        [InlineData("Microsoft.Extensions.C")]
        [InlineData("MyMicrosoft.Extensions.DependencyInjection.D")]
        [InlineData("System.Threading.Tasks.Task")]
        [InlineData("System.String")]
        [InlineData("E")]
        public void IsNamespace_MatchesTheDisplayString(string metadataName)
        {
            var type = Compile().GetTypeByMetadataName(metadataName)!;
            var display = type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString();
            foreach (var candidate in new[] { "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.DependencyInjection.Extensions", "Microsoft.Extensions", "Extensions", "DependencyInjection", "System", "System.Threading.Tasks", "Threading.Tasks", "System.Threading", "MyMicrosoft.Extensions.DependencyInjection", "E" })
            {
                Assert.Equal(display == candidate, Symbols.IsNamespace(type.ContainingNamespace, candidate));
            }
        }

        [Fact]
        public void OperationWalk_GivesRoslynsOrder_AndSkipsNestedFunctionsOnlyWhenAsked()
        {
            var compilation = Compile();
            var tree = compilation.SyntaxTrees[0];
            var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single();
            var body = compilation.GetSemanticModel(tree).GetOperation(method)!;

            Assert.Equal(body.Descendants().ToList(), body.AllDescendants().ToList());
            Assert.Equal(body.DescendantsAndSelf().ToList(), body.AllDescendantsAndSelf().ToList());

            var sameFunction = body.DescendantsInSameFunction().ToList();
            Assert.DoesNotContain(sameFunction, o => o is IAnonymousFunctionOperation or ILocalFunctionOperation);
            Assert.DoesNotContain(sameFunction, o => o.Parent is IAnonymousFunctionOperation or ILocalFunctionOperation);
            Assert.Equal(3, sameFunction.OfType<IInvocationOperation>().Count()); // WriteLine(x + 1), WriteLine(Local()), Local()

            // Nested walks on one thread each keep their own position.
            var pairs = 0;
            foreach (var outer in body.AllDescendants())
            {
                foreach (var inner in outer.AllDescendants())
                {
                    pairs++;
                }
            }

            Assert.Equal(body.Descendants().Sum(o => o.Descendants().Count()), pairs);
        }

        [Fact]
        public void ClientSymbols_AreFoundInTheClientAssemblies()
        {
            foreach (var clients in ClientSet.All)
            {
                var compilation = Compile(clients);
                Assert.Equal(compilation.GetTypeByMetadataName("Confluent.Kafka.IProducer`2"), Symbols.GetTypeFromAssembly(compilation, "Confluent.Kafka", "Confluent.Kafka.IProducer`2"), SymbolEqualityComparer.Default);
                Assert.Equal(compilation.GetTypeByMetadataName("StackExchange.Redis.ISubscriber"), Symbols.GetTypeFromAssembly(compilation, "StackExchange.Redis", "StackExchange.Redis.ISubscriber"), SymbolEqualityComparer.Default);
                var context = MessagingContext.TryCreate(compilation, ClientLibraries.Any)!;
                Assert.Equal(compilation.GetTypeByMetadataName("Confluent.Kafka.ConsumerConfig"), context.Kafka!.ConsumerConfig, SymbolEqualityComparer.Default);
                Assert.Equal(compilation.GetTypeByMetadataName("StackExchange.Redis.IConnectionMultiplexer"), context.Redis!.Multiplexer, SymbolEqualityComparer.Default);
                Assert.Equal(compilation.GetTypeByMetadataName("System.Threading.Thread"), context.Framework.Thread, SymbolEqualityComparer.Default);
                Assert.Equal(compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskCompletionSource`1"), context.Framework.TaskCompletionSourceOfT, SymbolEqualityComparer.Default);
            }

            Assert.Null(MessagingContext.TryCreate(Compile(), ClientLibraries.Any));
        }

        [Fact]
        public void ClientAssemblyGate_RulesOutOnlyTypesOfAssembliesThatCannotReachTheClient()
        {
            foreach (var clients in ClientSet.All)
            {
                // A library deriving from a Kafka config, and one deriving from that (it reaches Kafka through the first).
                var first = Library("First", "public class MyConfig : Confluent.Kafka.ProducerConfig { }", clients.References);
                var second = Library("Second", "public class MyOtherConfig : MyConfig { }", clients.References.Add(first));
                var compilation = Compile(clients).AddReferences(first, second);
                var kafka = MessagingContext.TryCreate(compilation, ClientLibraries.Any)!.Kafka!;

                Assert.True(kafka.IsConfig(compilation.GetTypeByMetadataName("Confluent.Kafka.ProducerConfig")));
                Assert.True(kafka.IsConfig(compilation.GetTypeByMetadataName("MyConfig")));
                Assert.True(kafka.IsConfig(compilation.GetTypeByMetadataName("MyOtherConfig")));
                Assert.True(kafka.IsProducer(compilation.GetTypeByMetadataName("Confluent.Kafka.IProducer`2")));
                Assert.False(kafka.IsConfig(compilation.GetTypeByMetadataName("E")));
                Assert.False(kafka.IsClient(compilation.GetTypeByMetadataName("System.String")));
                Assert.False(kafka.IsClient(compilation.GetTypeByMetadataName("System.Threading.Tasks.Task")));
                Assert.False(kafka.IsClient(compilation.GetTypeByMetadataName("System.Collections.Generic.List`1")));
            }
        }

        private static MetadataReference Library(string name, string source, System.Collections.Immutable.ImmutableArray<MetadataReference> references)
        {
            var library = CSharpCompilation.Create(
                name,
                new[] { CSharpSyntaxTree.ParseText(source) },
                Basic.Reference.Assemblies.Net100.References.All.Concat(references),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            using var stream = new System.IO.MemoryStream();
            var emitted = library.Emit(stream);
            Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
            return MetadataReference.CreateFromImage(stream.ToArray());
        }

        [Fact]
        public void MessagingContext_IsResolvedOncePerCompilation()
        {
            var compilation = Compile(ClientSet.All[0]);
            var first = MessagingContext.TryCreate(compilation, ClientLibraries.Kafka);
            Assert.NotNull(first);
            Assert.Same(first, MessagingContext.TryCreate(compilation, ClientLibraries.Redis));
            Assert.Same(first, MessagingContext.TryCreate(compilation, ClientLibraries.Any));
            Assert.NotSame(first, MessagingContext.TryCreate(Compile(ClientSet.All[0]), ClientLibraries.Any));
        }

        [Theory]
        [InlineData("x.Produce();", true)]
        [InlineData("x.Producer(); x.produce(); x.Consume();", false)]
        [InlineData("var v = Ärger;", true)]
        [InlineData("var v = Ärgern + Örger;", false)]
        [InlineData("_field = 1;", true)]
        [InlineData("_fields = 1;", false)]
        [InlineData("var v = AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA;", true)]
        [InlineData("var v = AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA + BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB;", false)]
        public void NameScan_FindsExactlyItsNames_WhateverTheirLengthAndFirstCharacter(string statement, bool expected)
        {
            // 70 characters: longer names share one length bit; non-ASCII first characters share one first-character bit.
            var scan = new NameScan(new[] { "Produce", "Ärger", "_field", new string('A', 70) });
            var node = CSharpSyntaxTree.ParseText("class C { void M() { " + statement + " } }").GetRoot();
            Assert.Equal(expected, scan.AnyIn(node));
        }

        [Theory]
        [InlineData("class A { IProducer<string, string> _p; }", true)]
        [InlineData("class A { void M(dynamic holder) { var c = holder.Consumer; c.Consume(1); } }", true)]
        [InlineData("class A { object C = new() { BootstrapServers = \"k:9092\" }; }", true)]
        [InlineData("class A { object D = new System.Collections.Generic.Dictionary<string, string> { [\"sasl.password\"] = \"x\" }; }", true)]
        [InlineData("class A { object D = new System.Collections.Generic.Dictionary<string, string> { [\"acks\"] = \"all\" }; }", true)]
        [InlineData("class A { decimal Total(decimal price, int quantity) => price * quantity; string Name => \"Order:42\"; }", false)]
        [InlineData("class A { string Key; string Value; void Dispose() { } object Get() => null; }", false)]
        [InlineData("class Ä { int Größe; }", false)]
        [InlineData("class A { string S = \"a string that is longer than sixty-four characters, so no key can be in it\"; void M(dynamic p) => p.Flush(); }", true)]
        [InlineData("class A { void M(dynamic p) { var a = \"x\"; p.Flush(a + \"y\"); } }", true)]
        public void KafkaNameScan_SaysMaybe_WheneverTheTextNamesTheKafkaApi(string declaration, bool expected)
        {
            var clients = ClientSet.All[ClientSet.All.Count - 1];
            var kafka = MessagingContext.TryCreate(Compile(clients), ClientLibraries.Any)!.Kafka!;
            var node = CSharpSyntaxTree.ParseText(declaration).GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>().First();
            Assert.Equal(expected, kafka.MayUseClients(node));
        }
    }
}
