using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MessagingAnalyzers.Benchmarks
{
    /// <summary>BenchmarkDotNet view of the same measurement (run with <c>--bdn</c>): wall time of compile + analyzers.</summary>
    [MemoryDiagnoser]
    public class AnalyzerBenchmarks
    {
        private CSharpCompilation _template = null!;

        [Params(1, 4, 16)]
        public int Scale { get; set; }

        [Params(true, false)]
        public bool Messaging { get; set; }

        [GlobalSetup]
        public void Setup() => _template = SyntheticCode.Create(Scale, Messaging);

        [Benchmark(Baseline = true)]
        public int CompileOnly() => Fresh().GetDiagnostics().Length;

        [Benchmark]
        public async Task<int> CompileWithPackage() =>
            (await Fresh().WithAnalyzers(Measurement.PackageAnalyzers).GetAnalyzerDiagnosticsAsync(CancellationToken.None)).Length;

        [Benchmark]
        public async Task<int> CompileWithFloor() =>
            (await Fresh().WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new FloorAnalyzer())).GetAnalyzerDiagnosticsAsync(CancellationToken.None)).Length;

        private CSharpCompilation Fresh() => Measurement.Fresh(_template);
    }
}
