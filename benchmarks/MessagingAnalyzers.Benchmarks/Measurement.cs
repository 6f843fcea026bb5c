using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MessagingAnalyzers.Benchmarks
{
    /// <summary>One measurement: the compiler's time, the package's analyzer time, and the floor analyzer's time.</summary>
    public sealed record Result(int Scale, bool Messaging, int Files, double CompileMs, double CompileOneThreadMs, double FullCompileMs, double PackageMs, double FloorMs, double SharedMs, double RulesAloneMs, IReadOnlyList<(string Analyzer, double Ms)> PerHost, IReadOnlyList<(string Analyzer, double Ms)> PerAnalyzer)
    {
        /// <summary>What each costs a build, by processor time (<see cref="Measurement.MeasureCostAsync"/>); null when not measured.</summary>
        public Cost? Cost { get; init; }

        /// <summary>
        /// The package's time against the compiler's on one thread: the execution-time log sums the time of the
        /// callbacks (run here on one thread), so the work of both is compared. The compiler's parallel wall time
        /// (<see cref="CompileMs"/>) is its work divided by about the number of cores, which would inflate the ratio
        /// by that number and make it depend on the machine.
        /// </summary>
        public double PercentOfCompile => CompileOneThreadMs == 0 ? 0 : 100 * PackageMs / CompileOneThreadMs;

        /// <summary>
        /// The package's time against a whole compile on one thread as a build runs it (parse, bind and check, emit):
        /// the package's share of a build's compile step. <see cref="PercentOfCompile"/> leaves out parsing and emit.
        /// </summary>
        public double PercentOfFullCompile => FullCompileMs == 0 ? 0 : 100 * PackageMs / FullCompileMs;

        /// <summary>The package's time against the compiler's parallel wall time (the ratio reported before 2026-11-26).</summary>
        public double PercentOfParallelCompile => CompileMs == 0 ? 0 : 100 * PackageMs / CompileMs;

        public double TimesFloor => FloorMs == 0 ? 0 : PackageMs / FloorMs;
    }

    /// <summary>
    /// What an analysis costs beyond the compile, by processor time: medians of alternating runs of the compile alone,
    /// the compile with the floor analyzer alone, and the compile with the package alone (and with each rule alone,
    /// when asked), each on a fresh one-thread compilation of the same trees. The difference is everything the
    /// analyzer makes the process do: the driver's work for it (operation trees, callbacks, bookkeeping), its own code,
    /// and the collections its allocations cause. The execution-time log sees only the second.
    /// </summary>
    public sealed record Cost(int Runs, double CompileMs, double FloorAddsMs, double PackageAddsMs, IReadOnlyList<(string Analyzer, double Ms)> PerRule)
    {
        public double PackageTimesFloor => FloorAddsMs <= 0 ? 0 : PackageAddsMs / FloorAddsMs;
    }

    public static class Measurement
    {
        /// <summary>What the compiler loads from the package: the four rule hosts (the suppressor aside).</summary>
        public static ImmutableArray<DiagnosticAnalyzer> PackageAnalyzers { get; } = typeof(MessagingAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(RuleHost).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

        /// <summary>
        /// The rules, each registered as its own analyzer (as the tests run them, and as the package registered them
        /// before the hosts): the per-rule times. <c>MSG_BENCH_ORDER=reverse</c> runs them in reverse name order.
        /// </summary>
        public static ImmutableArray<DiagnosticAnalyzer> Rules { get; } = typeof(MessagingAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(MessagingAnalyzer).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray() is var sorted && Environment.GetEnvironmentVariable("MSG_BENCH_ORDER") == "reverse"
                ? sorted.Reverse().ToImmutableArray()
                : sorted;

        /// <summary>Medians over <paramref name="iterations"/> runs, each on a fresh compilation of the same syntax trees.</summary>
        public static async Task<Result> MeasureAsync(int scale, bool messaging, int iterations, int costRuns = 0, bool costPerRule = false)
        {
            var template = SyntheticCode.Create(scale, messaging);
            var compile = new List<double>();
            var compileOneThread = new List<double>();
            var fullCompile = new List<double>();
            var package = new List<double>();
            var floor = new List<double>();
            var perAnalyzer = new Dictionary<string, List<double>>();
            var floorAnalyzer = new FloorAnalyzer();
            var sharedCore = new SharedCoreAnalyzer();
            var shared = new List<double>();
            var rulesAlone = new List<double>();
            var perHost = new Dictionary<string, List<double>>();

            // The execution-time log times each callback by the wall clock. When the compiler binds in parallel
            // beside the analyzer thread, a machine with few cores preempts that thread inside callbacks, and the log
            // charges the wait to whichever callback was running (at 4x on two cores: single hosts at 60-150 ms in
            // one run of nine). The analyses therefore run on compilations built on one thread, as the compile the
            // package's time is divided by; MSG_BENCH_PARALLEL_LOG=1 runs them on parallel ones as before.
            var logOnOneThread = Environment.GetEnvironmentVariable("MSG_BENCH_PARALLEL_LOG") != "1";

            // One warm-up round (JIT, metadata), then the measured ones.
            for (var i = -1; i < iterations; i++)
            {
                // Each measured run starts from a collected heap (as BenchmarkDotNet does between iterations), so that
                // a garbage collection left over from the previous run does not land in this one's callbacks.
                Settle();
                var stopwatch = Stopwatch.StartNew();
                var diagnostics = Fresh(template).GetDiagnostics();
                stopwatch.Stop();
                if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
                {
                    throw new InvalidOperationException("synthetic code does not compile: " + diagnostics.First(d => d.Severity == DiagnosticSeverity.Error));
                }

                Settle();
                var oneThread = Stopwatch.StartNew();
                _ = Fresh(template, concurrentBuild: false).GetDiagnostics();
                oneThread.Stop();

                // What a build's compile step does, on one thread: parse the files, bind and check, emit the assembly.
                Settle();
                var build = Stopwatch.StartNew();
                var emitted = FullCompile(template);
                build.Stop();
                if (!emitted)
                {
                    throw new InvalidOperationException("synthetic code does not emit");
                }

                // The package and the floor run on separate fresh compilations, so that each pays for building
                // the operation trees it asks for, as it would alone in a build.
                var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true);
                Settle();
                var gcBefore = GC.CollectionCount(0);
                var pauseBefore = GC.GetTotalPauseDuration();
                var packageWatch = Stopwatch.StartNew();
                var result = await Fresh(template, concurrentBuild: !logOnOneThread).WithAnalyzers(PackageAnalyzers.Insert(0, sharedCore), options).GetAnalysisResultAsync(CancellationToken.None);
                packageWatch.Stop();
                var packageRun = $"{packageWatch.Elapsed.TotalMilliseconds:F0} ms, {GC.CollectionCount(0) - gcBefore} collections pausing {(GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds:F1} ms";
                Settle();
                var rulesResult = await Fresh(template, concurrentBuild: !logOnOneThread).WithAnalyzers(Rules.Insert(0, sharedCore), options).GetAnalysisResultAsync(CancellationToken.None);

                Settle();
                var floorResult = await Fresh(template, concurrentBuild: !logOnOneThread).WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(floorAnalyzer), options).GetAnalysisResultAsync(CancellationToken.None);
                if (Environment.GetEnvironmentVariable("MSG_BENCH_CALIBRATE") == "1" && i == iterations - 1)
                {
                    // The same analyzers the package runs beside (operation-tree building attributed the same way).
                    var calibration = ImmutableArray.Create<DiagnosticAnalyzer>(floorAnalyzer).AddRange(CalibrationAnalyzer.All);
                    var calibrated = await Fresh(template).WithAnalyzers(calibration, options).GetAnalysisResultAsync(CancellationToken.None);
                    foreach (var analyzer in calibration)
                    {
                        var name = analyzer is CalibrationAnalyzer c ? c.Name : "Invocation (the floor)";
                        Console.WriteLine($"calibration {name}: {calibrated.AnalyzerTelemetryInfo[analyzer].ExecutionTime.TotalMilliseconds:F2} ms");
                    }
                }

                if (Environment.GetEnvironmentVariable("MSG_BENCH_ALONE") == "1" && i == iterations - 1)
                {
                    var alone = 0.0;
                    foreach (var analyzer in Rules)
                    {
                        var single = await Fresh(template).WithAnalyzers(ImmutableArray.Create(analyzer), options).GetAnalysisResultAsync(CancellationToken.None);
                        var ms = single.AnalyzerTelemetryInfo[analyzer].ExecutionTime.TotalMilliseconds;
                        alone += ms;
                        Console.WriteLine($"alone {analyzer.GetType().Name}: {ms:F2} ms");
                    }

                    Console.WriteLine($"sum alone: {alone:F1} ms");
                }

                if (Environment.GetEnvironmentVariable("MSG_BENCH_ALLOC") == "1" && i == iterations - 1)
                {
                    // Bytes allocated by a run of each analyzer alone, beyond a run of the floor analyzer alone: what
                    // the rule allocates itself (and the compiler work it alone asks for), which is what triggers the
                    // garbage collections charged to its callbacks.
                    var floorBytes = await AllocatedAsync(template, floorAnalyzer, options);
                    Console.WriteLine($"alloc floor: {floorBytes / 1024.0:F0} KB");
                    foreach (var analyzer in Rules)
                    {
                        var bytes = await AllocatedAsync(template, analyzer, options);
                        Console.WriteLine($"alloc {analyzer.GetType().Name}: {(bytes - floorBytes) / 1024.0:F0} KB beyond the floor");
                    }
                }

                if (Environment.GetEnvironmentVariable("MSG_BENCH_CPU") == "1" && i == iterations - 1)
                {
                    await ReportCpuAsync(template, floorAnalyzer);
                }

                if (Environment.GetEnvironmentVariable("MSG_BENCH_WALL") == "1")
                {
                    var plainOptions = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false);
                    var w1 = Stopwatch.StartNew();
                    await Fresh(template).WithAnalyzers(PackageAnalyzers, plainOptions).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
                    w1.Stop();
                    var w2 = Stopwatch.StartNew();
                    await Fresh(template).WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(floorAnalyzer), plainOptions).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
                    w2.Stop();
                    var w3 = Stopwatch.StartNew();
                    await Fresh(template).WithAnalyzers(Rules, plainOptions).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
                    w3.Stop();
                    Console.WriteLine($"wall: package {w1.Elapsed.TotalMilliseconds:F0} ms, floor {w2.Elapsed.TotalMilliseconds:F0} ms, rules registered one analyzer each {w3.Elapsed.TotalMilliseconds:F0} ms");
                }


                if (i < 0)
                {
                    continue;
                }

                compile.Add(stopwatch.Elapsed.TotalMilliseconds);
                fullCompile.Add(build.Elapsed.TotalMilliseconds);
                compileOneThread.Add(oneThread.Elapsed.TotalMilliseconds);
                var total = 0.0;
                foreach (var analyzer in PackageAnalyzers)
                {
                    var ms = result.AnalyzerTelemetryInfo[analyzer].ExecutionTime.TotalMilliseconds;
                    total += ms;
                    Add(perHost, analyzer.GetType().Name, ms);
                }

                var rulesTotal = 0.0;
                foreach (var analyzer in Rules)
                {
                    var ms = rulesResult.AnalyzerTelemetryInfo[analyzer].ExecutionTime.TotalMilliseconds;
                    rulesTotal += ms;
                    Add(perAnalyzer, analyzer.GetType().Name, ms);
                }

                var sharedMs = result.AnalyzerTelemetryInfo[sharedCore].ExecutionTime.TotalMilliseconds;
                shared.Add(sharedMs);
                if (Environment.GetEnvironmentVariable("MSG_BENCH_VERBOSE") == "1")
                {
                    // Each run's numbers, not only the medians: on a noisy machine, which runs a pause landed in.
                    var hosts = string.Join(", ", PackageAnalyzers.Select(a => $"{a.GetType().Name} {result.AnalyzerTelemetryInfo[a].ExecutionTime.TotalMilliseconds:F1}"));
                    Console.WriteLine($"run {i}: compile {oneThread.Elapsed.TotalMilliseconds:F0} ms one thread, package {total + sharedMs:F1} ms (shared core {sharedMs:F1}, {hosts}), floor {floorResult.AnalyzerTelemetryInfo[floorAnalyzer].ExecutionTime.TotalMilliseconds:F1} ms, gen0/1/2 collections so far {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}; the package's analysis took {packageRun}");
                }

                package.Add(total + sharedMs);
                rulesAlone.Add(rulesTotal + rulesResult.AnalyzerTelemetryInfo[sharedCore].ExecutionTime.TotalMilliseconds);
                floor.Add(floorResult.AnalyzerTelemetryInfo[floorAnalyzer].ExecutionTime.TotalMilliseconds);
            }

            var cost = costRuns > 0 ? await MeasureCostAsync(template, costRuns, costPerRule) : null;
            return new Result(
                scale,
                messaging,
                template.SyntaxTrees.Count(),
                Median(compile),
                Median(compileOneThread),
                Median(fullCompile),
                Median(package),
                Median(floor),
                Median(shared),
                Median(rulesAlone),
                perHost.Select(p => (p.Key, Median(p.Value))).OrderByDescending(p => p.Item2).ToList(),
                perAnalyzer.Select(p => (p.Key, Median(p.Value))).OrderByDescending(p => p.Item2).ToList())
            {
                Cost = cost,
            };
        }

        /// <summary>
        /// What the floor analyzer and the package each cost a build beyond the compile, by processor time (all threads:
        /// the driver's work for an analyzer and the collections it causes count, which the execution-time log does not
        /// see): medians of <paramref name="runs"/> alternating runs on fresh one-thread compilations. With
        /// <paramref name="perRule"/>, also each rule alone (registered as its own analyzer, shared core included).
        /// The floor analyzer's cost is the floor any analyzer that visits every invocation pays: by the log it is
        /// close to zero, because its callbacks do nothing, but the driver builds an operation tree for every method
        /// body and calls it for every invocation.
        /// </summary>
        public static async Task<Cost> MeasureCostAsync(CSharpCompilation template, int runs, bool perRule)
        {
            var floorOnly = ImmutableArray.Create<DiagnosticAnalyzer>(new FloorAnalyzer());
            var compile = new List<double>();
            var floor = new List<double>();
            var package = new List<double>();
            var rules = new Dictionary<string, List<double>>();

            // Warm-up: JIT and metadata, for every configuration measured.
            _ = Fresh(template, concurrentBuild: false).GetDiagnostics();
            await AnalyzeAsync(template, floorOnly, concurrentBuild: false);
            await AnalyzeAsync(template, PackageAnalyzers, concurrentBuild: false);
            for (var run = 0; run < runs; run++)
            {
                compile.Add(await CpuAsync(() => Task.FromResult(Fresh(template, concurrentBuild: false).GetDiagnostics())));
                floor.Add(await CpuAsync(() => AnalyzeAsync(template, floorOnly, concurrentBuild: false)));
                package.Add(await CpuAsync(() => AnalyzeAsync(template, PackageAnalyzers, concurrentBuild: false)));
                foreach (var rule in perRule ? Rules : ImmutableArray<DiagnosticAnalyzer>.Empty)
                {
                    Add(rules, rule.GetType().Name, await CpuAsync(() => AnalyzeAsync(template, ImmutableArray.Create(rule), concurrentBuild: false)));
                }

                if (Environment.GetEnvironmentVariable("MSG_BENCH_VERBOSE") == "1")
                {
                    Console.WriteLine($"cost run {run}: compile {compile[run]:F0} ms, floor analyzer {floor[run]:F0} ms, package {package[run]:F0} ms (processor time)");
                }
            }

            var compileMs = Median(compile);
            return new Cost(
                runs,
                compileMs,
                Median(floor) - compileMs,
                Median(package) - compileMs,
                rules.Select(p => (p.Key, Median(p.Value) - compileMs)).OrderByDescending(p => p.Item2).ToList());
        }

        /// <summary>
        /// Processor time (all threads: the driver's own work for the package and the garbage collections its
        /// allocations cause included, which the execution-time log does not see) of an analysis with the floor
        /// analyzer, and with the floor analyzer and the package: what the package adds beside an analyzer that already
        /// makes the driver build every operation tree. (What each adds alone is in the main table:
        /// <see cref="MeasureCostAsync"/>.) Medians of
        /// <c>MSG_BENCH_CPU_RUNS</c> (7) alternating runs; with <c>MSG_BENCH_CALIBRATE=1</c>, also what each do-nothing
        /// calibration analyzer adds, which shows the noise of the method on this machine; with
        /// <c>MSG_BENCH_CPU_HOSTS=1</c>, what each rule host adds alone.
        /// </summary>
        private static async Task ReportCpuAsync(CSharpCompilation template, DiagnosticAnalyzer floorAnalyzer)
        {
            var runs = int.TryParse(Environment.GetEnvironmentVariable("MSG_BENCH_CPU_RUNS"), out var n) ? n : 7;
            var calibrate = Environment.GetEnvironmentVariable("MSG_BENCH_CALIBRATE") == "1";
            var floorOnly = ImmutableArray.Create(floorAnalyzer);
            var compile = new List<double>();
            var floor = new List<double>();
            var package = new List<double>();
            var calibration = new Dictionary<string, List<double>>();
            for (var run = 0; run < runs; run++)
            {
                compile.Add(await CpuAsync(() => Task.FromResult(Fresh(template).GetDiagnostics())));
                floor.Add(await CpuAsync(() => AnalyzeAsync(template, floorOnly)));
                package.Add(await CpuAsync(() => AnalyzeAsync(template, PackageAnalyzers.Add(floorAnalyzer))));
                foreach (var analyzer in calibrate ? CalibrationAnalyzer.All : ImmutableArray<CalibrationAnalyzer>.Empty)
                {
                    Add(calibration, "do-nothing " + analyzer.Name + " analyzer", await CpuAsync(() => AnalyzeAsync(template, floorOnly.Add(analyzer))));
                }

                foreach (var host in Environment.GetEnvironmentVariable("MSG_BENCH_CPU_HOSTS") == "1" ? PackageAnalyzers : ImmutableArray<DiagnosticAnalyzer>.Empty)
                {
                    Add(calibration, host.GetType().Name, await CpuAsync(() => AnalyzeAsync(template, floorOnly.Add(host))));
                }
            }

            foreach (var pair in calibration)
            {
                Console.WriteLine($"cpu: {pair.Key} beside the floor adds {Median(pair.Value) - Median(floor):F0} ms");
            }

            Console.WriteLine($"cpu: compile {Median(compile):F0} ms, analysis with the floor analyzer {Median(floor):F0} ms, with the floor and the package {Median(package):F0} ms: the package adds {Median(package) - Median(floor):F0} ms ({100 * (Median(package) - Median(floor)) / Median(compile):F1}% of compile)");
        }

        /// <summary>
        /// A compile as a build runs it, on one thread: parse the template's files from their text, bind and check,
        /// emit the assembly and its portable PDB (as a default build does) to memory. References are the template's (their metadata is read once per process, as a
        /// compiler server keeps it). True when the emit succeeded.
        /// </summary>
        internal static bool FullCompile(CSharpCompilation template)
        {
            var trees = new List<SyntaxTree>();
            foreach (var tree in template.SyntaxTrees)
            {
                trees.Add(CSharpSyntaxTree.ParseText(tree.GetText(), (CSharpParseOptions)tree.Options, tree.FilePath));
            }

            var compilation = CSharpCompilation.Create(template.AssemblyName, trees, template.References, template.Options.WithConcurrentBuild(false));
            using var peStream = new System.IO.MemoryStream();
            using var pdbStream = new System.IO.MemoryStream();
            return compilation.Emit(peStream, pdbStream, options: new Microsoft.CodeAnalysis.Emit.EmitOptions(debugInformationFormat: Microsoft.CodeAnalysis.Emit.DebugInformationFormat.PortablePdb)).Success;
        }

        private static Task<ImmutableArray<Diagnostic>> AnalyzeAsync(CSharpCompilation template, ImmutableArray<DiagnosticAnalyzer> analyzers, bool concurrentBuild = true) =>
            Fresh(template, concurrentBuild).WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false))
                .GetAnalyzerDiagnosticsAsync(CancellationToken.None);

        private static async Task<double> CpuAsync<T>(Func<Task<T>> run)
        {
            Settle();
            var process = Process.GetCurrentProcess();
            process.Refresh();
            var before = process.TotalProcessorTime;
            await run();
            process.Refresh();
            return (process.TotalProcessorTime - before).TotalMilliseconds;
        }

        private static void Add(Dictionary<string, List<double>> times, string name, double ms)
        {
            if (!times.TryGetValue(name, out var list))
            {
                times[name] = list = new List<double>();
            }

            list.Add(ms);
        }

        private static async Task<long> AllocatedAsync(CSharpCompilation template, DiagnosticAnalyzer analyzer, CompilationWithAnalyzersOptions options)
        {
            var runs = new List<long>();
            for (var n = 0; n < 3; n++)
            {
                Settle();
                var compilation = Fresh(template);
                var before = GC.GetTotalAllocatedBytes(precise: true);
                await compilation.WithAnalyzers(ImmutableArray.Create(analyzer), options).GetAnalysisResultAsync(CancellationToken.None);
                runs.Add(GC.GetTotalAllocatedBytes(precise: true) - before);
            }

            runs.Sort();
            return runs[1];
        }

        internal static void Settle()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        /// <summary>
        /// A fresh compilation of the template's trees, with its references bound, as a compiler or an IDE has them
        /// before analyzers run (csc binds references first; an IDE compilation is long-lived). Without this, the
        /// first analyzer to ask for any symbol pays the reference binding of the whole compilation, which the floor
        /// analyzer never asks for. Both the compile time and the analyzer runs start from here.
        /// </summary>
        internal static CSharpCompilation Fresh(CSharpCompilation template, bool concurrentBuild = true)
        {
            var compilation = CSharpCompilation.Create(template.AssemblyName, template.SyntaxTrees, template.References, template.Options.WithConcurrentBuild(concurrentBuild));
            _ = compilation.Assembly;
            return compilation;
        }

        private static double Median(List<double> values)
        {
            var sorted = values.OrderBy(v => v).ToList();
            return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
        }
    }

    /// <summary>The floor: an analyzer that visits every invocation and does nothing with it.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class FloorAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Descriptor = new("FLOOR001", "Floor", "Floor", "Floor", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptor);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterOperationAction(c => GC.KeepAlive(c.Operation), OperationKind.Invocation);
        }
    }
}

namespace MessagingAnalyzers.Benchmarks
{
    /// <summary>Calibration: a do-nothing analyzer registered one way (a symbol-start/end pair, a block action ...).</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class CalibrationAnalyzer : DiagnosticAnalyzer
    {
        private readonly Action<AnalysisContext> _register;

        public CalibrationAnalyzer(string name, Action<AnalysisContext> register)
        {
            Name = name;
            _register = register;
            SupportedDiagnostics = ImmutableArray.Create(new DiagnosticDescriptor("FLOOR" + name, "Floor", "Floor", "Floor", DiagnosticSeverity.Hidden, isEnabledByDefault: true));
        }

        public string Name { get; }

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

        /// <summary>The do-nothing analyzers of each registration kind.</summary>
        public static ImmutableArray<CalibrationAnalyzer> All { get; } = ImmutableArray.Create(
            new CalibrationAnalyzer("SymbolStartEnd", c => c.RegisterSymbolStartAction(s => s.RegisterSymbolEndAction(e => GC.KeepAlive(e.Symbol)), SymbolKind.NamedType)),
            new CalibrationAnalyzer("Symbol", c => c.RegisterSymbolAction(s => GC.KeepAlive(s.Symbol), SymbolKind.NamedType)),
            new CalibrationAnalyzer("SemanticModel", c => c.RegisterSemanticModelAction(m => GC.KeepAlive(m.SemanticModel))),
            new CalibrationAnalyzer("OperationBlock", c => c.RegisterOperationBlockAction(b => GC.KeepAlive(b.OperationBlocks))),
            new CalibrationAnalyzer("OperationBlockWalk", c => c.RegisterOperationBlockAction(b =>
            {
                var n = 0;
                foreach (var block in b.OperationBlocks)
                {
                    foreach (var operation in Microsoft.CodeAnalysis.Operations.OperationExtensions.DescendantsAndSelf(block))
                    {
                        n += operation.Kind == OperationKind.Invocation ? 1 : 0;
                    }
                }

                GC.KeepAlive(n);
            })));

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            _register(context);
        }
    }
}

namespace MessagingAnalyzers.Benchmarks
{
    /// <summary>
    /// Runs first in the package's run and builds what the rules share: the per-compilation
    /// <see cref="MessagingContext"/> (client and framework symbols), the per-type Kafka models and their settings
    /// (which two security rules read for every type). Without it, the first rule in the driver's order that asks
    /// for them is charged the whole shared cost (by name order, BlockingCommandOnMultiplexer for the context and
    /// CertificateValidationDisabled for the models and settings), and the
    /// per-rule table says more about the order than about the rules. Its time is reported as "shared core" and
    /// counted in the package's total: the work is done once either way.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SharedCoreAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Descriptor = new("SHARED001", "Shared", "Shared", "Shared", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptor);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                if (MessagingContext.TryCreate(start.Compilation, ClientLibraries.Any) is { Kafka: { } kafka })
                {
                    KafkaTypeModel.Register(start, kafka, static (model, end) => GC.KeepAlive(model.AllSettings()));
                }
            });
        }
    }
}
