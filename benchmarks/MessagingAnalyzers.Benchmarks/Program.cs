using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using BenchmarkDotNet.Running;

namespace MessagingAnalyzers.Benchmarks
{
    /// <summary>
    /// <c>dotnet run -c Release --project benchmarks/MessagingAnalyzers.Benchmarks</c>: the ratios table of
    /// docs/performance.md (1x, 4x, 16x). <c>-- --short</c>: one small run, to prove the benchmark works (CI).
    /// <c>-- --bdn</c>: the BenchmarkDotNet benchmarks. <c>-- --all</c>: every analyzer's time. <c>-- --diagnostics</c>: what
    /// the synthetic code reports. <c>-- --context</c>: symbol resolution. <c>-- --profile</c>: a loop for dotnet-trace.
    /// docs/performance.md lists the environment switches (MSG_BENCH_WALL, MSG_BENCH_ALONE, MSG_BENCH_CALIBRATE).
    /// </summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            if (args.Contains("--bdn"))
            {
                BenchmarkRunner.Run<AnalyzerBenchmarks>(args: args.Where(a => a != "--bdn").ToArray());
                return 0;
            }

            if (args.Contains("--profile"))
            {
                // A loop for a sampling profiler (dotnet-trace): the package's analyzers over and over on fresh
                // compilations of the 4x messaging-heavy code, so the trace is dominated by their work.
                // MSG_PROFILE_SCALE (4) and MSG_PROFILE_RUNS (20) choose the code size and the number of runs; the
                // compilations are built on one thread, as the measured runs whose execution-time log is read.
                var profileScale = int.TryParse(Environment.GetEnvironmentVariable("MSG_PROFILE_SCALE"), out var ps) ? ps : 4;
                var profileRuns = int.TryParse(Environment.GetEnvironmentVariable("MSG_PROFILE_RUNS"), out var pr) ? pr : 20;
                var template = SyntheticCode.Create(profileScale, messaging: true);
                var options = new Microsoft.CodeAnalysis.Diagnostics.CompilationWithAnalyzersOptions(
                    new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions(System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false);
                // MSG_PROFILE_FLOOR=1: the floor analyzer alone, to subtract what any analyzer makes the driver do.
                // MSG_PROFILE_RULE=<class name>: that rule alone, beside the shared core.
                var rule = Environment.GetEnvironmentVariable("MSG_PROFILE_RULE");
                var analyzers = Environment.GetEnvironmentVariable("MSG_PROFILE_FLOOR") == "1"
                    ? System.Collections.Immutable.ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(new FloorAnalyzer())
                    : string.IsNullOrEmpty(rule)
                        ? Measurement.PackageAnalyzers
                        : System.Collections.Immutable.ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(new SharedCoreAnalyzer(), Measurement.Rules.Single(r => r.GetType().Name == rule));
                for (var i = 0; i < profileRuns; i++)
                {
                    var compilation = Measurement.Fresh(template, concurrentBuild: false);
                    _ = await Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzerExtensions.WithAnalyzers(compilation, analyzers, options).GetAnalyzerDiagnosticsAsync(System.Threading.CancellationToken.None);
                }

                return 0;
            }

            if (args.Contains("--diagnostics"))
            {
                // What the package reports on the synthetic code (per rule), to read the timings against.
                var compilation = SyntheticCode.Create(1, messaging: true);
                var diagnostics = await Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzerExtensions.WithAnalyzers(compilation, Measurement.PackageAnalyzers).GetAnalyzerDiagnosticsAsync();
                foreach (var group in diagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    Console.WriteLine($"{group.Key}: {group.Count()} in {group.Select(d => d.Location.SourceTree?.FilePath).Distinct().Count()} files; e.g. {group.First().GetMessage(CultureInfo.InvariantCulture)}");
                }

                return 0;
            }

            if (args.Contains("--context"))
            {
                // How long resolving the client and framework symbols takes on a fresh compilation whose references
                // are bound (as the compiler has them before analyzers run).
                var template = SyntheticCode.Create(1, messaging: true);
                for (var i = 0; i < 5; i++)
                {
                    // After a full collection, as before each measured run: the reference symbols a previous
                    // compilation made may be gone, as in a build's fresh compiler process.
                    Measurement.Settle();
                    var compilation = Measurement.Fresh(template);
                    var watch = System.Diagnostics.Stopwatch.StartNew();
                    var context = MessagingContext.TryCreate(compilation, ClientLibraries.Any);
                    var first = watch.Elapsed.TotalMilliseconds;
                    _ = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ControllerBase");
                    var again = watch.Elapsed.TotalMilliseconds - first;
                    // The Kafka API names (the models' syntactic pre-check), collected once per Confluent.Kafka assembly symbol.
                    var names = System.Diagnostics.Stopwatch.StartNew();
                    _ = context?.Kafka?.MayUseClients(template.SyntaxTrees.First().GetRoot());
                    Console.WriteLine($"context: {first:F1} ms (missing-type lookup afterwards {again:F2} ms), kafka {(context?.Kafka is null ? "no" : "yes")}, Kafka API names {names.Elapsed.TotalMilliseconds:F2} ms");
                }

                return 0;
            }

            var quick = args.Contains("--short");
            var scales = quick ? new[] { 1 } : new[] { 1, 4, 16 };
            var iterations = quick ? 1 : 5;
            var scaleArgument = Array.IndexOf(args, "--scale");
            if (scaleArgument >= 0 && scaleArgument + 1 < args.Length)
            {
                scales = new[] { int.Parse(args[scaleArgument + 1], CultureInfo.InvariantCulture) };
            }

            var iterationArgument = Array.IndexOf(args, "--iterations");
            if (iterationArgument >= 0 && iterationArgument + 1 < args.Length)
            {
                iterations = int.Parse(args[iterationArgument + 1], CultureInfo.InvariantCulture);
            }
            // What each costs a build by processor time, beside the execution-time log: medians of this many alternating
            // runs (MSG_BENCH_COST_RUNS; 0 turns it off). --cost-rules adds each rule alone (42 analyses per run).
            var costRuns = int.TryParse(Environment.GetEnvironmentVariable("MSG_BENCH_COST_RUNS"), out var r) ? r : quick ? 1 : 5;
            var costPerRule = args.Contains("--cost-rules");
            var report = new StringBuilder();
            report.AppendLine("| Code | Scale | Files | Compile, one thread (ms) | Parse + compile + emit, one thread (ms) | Package analyzers, log (ms) | Floor analyzer, log (ms) | Package / compile | Package / parse + compile + emit | Floor adds, processor (ms) | Package adds, processor (ms) | Package / floor, processor |");
            report.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
            var results = new System.Collections.Generic.List<Result>();
            foreach (var messaging in new[] { true, false })
            {
                foreach (var scale in scales)
                {
                    var result = await Measurement.MeasureAsync(scale, messaging, iterations, costRuns, costPerRule);
                    results.Add(result);
                    report.AppendLine(string.Format(
                        CultureInfo.InvariantCulture,
                        "| {0} | {1}x | {2} | {3:F0} | {4:F0} | {5:F1} | {6:F1} | {7:F2}% | {8:F2}% | {9} | {10} | {11} |",
                        messaging ? "messaging-heavy" : "no client referenced",
                        scale,
                        result.Files,
                        result.CompileOneThreadMs,
                        result.FullCompileMs,
                        result.PackageMs,
                        result.FloorMs,
                        result.PercentOfCompile,
                        result.PercentOfFullCompile,
                        result.Cost is { } c1 ? c1.FloorAddsMs.ToString("F0", CultureInfo.InvariantCulture) : "-",
                        result.Cost is { } c2 ? c2.PackageAddsMs.ToString("F0", CultureInfo.InvariantCulture) : "-",
                        // Without the clients the package registers nothing, and the analysis skips the binding the
                        // compile does: it costs less than the compile alone, and the ratio means nothing.
                        result.Cost is { PackageAddsMs: > 0 } c3 ? c3.PackageTimesFloor.ToString("F2", CultureInfo.InvariantCulture) + "x" : result.Cost is null ? "-" : "none (registers nothing)"));
                }
            }

            Console.WriteLine(report.ToString());
            var largest = results.LastOrDefault(x => x.Messaging);
            foreach (var result in results.Where(x => x.Messaging))
            {
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "At {0}x, the compile in parallel took {1:F0} ms (the package's log is {2:F2}% of it).", result.Scale, result.CompileMs, result.PercentOfParallelCompile));
                if (result.Cost is { } cost)
                {
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "At {0}x, processor time, medians of {1} runs: compile {2:F0} ms; the floor analyzer adds {3:F0} ms, the package {4:F0} ms ({5:F2}x the floor).", result.Scale, cost.Runs, cost.CompileMs, cost.FloorAddsMs, cost.PackageAddsMs, cost.PackageTimesFloor));
                    if (cost.PerRule.Count > 0)
                    {
                        Console.WriteLine($"Rules at {result.Scale}x, each alone, processor time it adds (ms; the floor analyzer adds {cost.FloorAddsMs:F0}, 2x the floor = {2 * cost.FloorAddsMs:F0}):");
                        foreach (var (name, ms) in cost.PerRule)
                        {
                            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-45} {1,8:F0} {2,6:F2}x", name, ms, cost.FloorAddsMs <= 0 ? 0 : ms / cost.FloorAddsMs));
                        }
                    }
                }
            }

            if (largest is not null)
            {
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "At {0}x, the package's {1:F1} ms: shared core (client symbols and Kafka type models, built once for all rules) {2:F1} ms; {3}.", largest.Scale, largest.PackageMs, largest.SharedMs, string.Join(", ", largest.PerHost.Select(h => string.Format(CultureInfo.InvariantCulture, "{0} {1:F1} ms", h.Analyzer, h.Ms)))));
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "The same rules registered one analyzer each (as before the hosts; shared core included): {0:F1} ms.", largest.RulesAloneMs));
                Console.WriteLine($"Rules at {largest.Scale}x, each registered as its own analyzer, execution-time log (ms; the floor analyzer's callbacks: {largest.FloorMs:F2} ms):");
                foreach (var (name, ms) in largest.PerAnalyzer.Take(args.Contains("--all") ? 100 : 10))
                {
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-45} {1,8:F2}", name, ms));
                }
            }

            return 0;
        }
    }
}
