using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Core.Search;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials;
using SuperConvergence.Grains.Telemetry;
using SuperConvergence.Silo.Hosting;
using SuperConvergence.Telemetry.Benchmarks;
using SuperConvergence.Training.Data;
using TorchSharp;

// The cost of the per-trial metrics (docs/benchmarks.md, "Per-trial metrics"), measured in one run as ratios:
//  1. what a worker records per training step (a training trial's position in its cycle with the planned 1cycle at
//     that point; a range test's iteration: the newest progress) into the live-trial registry, and per epoch (the epoch's duration into its histogram and its metrics into the registry), with
//     TRIALS others running, against one real training step of MODEL at BATCH on this machine's CPU;
//  2. a /metrics scrape of a silo's exporter (the silo's meter pipeline, SiloMetrics.AddSiloMetrics) with TRIALS
//     running training trials, against the same scrape with none.
//   dotnet run -c Release --project bench/SuperConvergence.Telemetry.Benchmarks -- [TRIALS 1000] [MODEL resnet-small] [BATCH 256]
var trials = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var modelName = args.Length > 1 ? args[1] : "resnet-small";
var batch = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 256;
var config = new TrialConfig("synthetic", modelName, 0.8, 25, 1e4, 5e-4, batch, 30, 0.85, 0.95, 1);

Console.WriteLine($"{Environment.ProcessorCount} cores, {RuntimeInformationText()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

// 1. Recording, with TRIALS others in the registry.
using (var services = new ServiceCollection().AddMetrics().AddSingleton<SweepMetrics>().AddSingleton<LiveTrials>().BuildServiceProvider())
{
    var live = services.GetRequiredService<LiveTrials>();
    var metrics = services.GetRequiredService<SweepMetrics>();
    var plan = new CyclePlan(config);
    Populate(live, plan, config, trials);
    var rangeTest = Lease("bench", "bench-range", new RangeTestProposal(new RangeTestConfig("synthetic", modelName, 1e-5, 10, 1000, RangeTestRamp.Exponential, 5e-4, batch, 0.9, 1), "cell"));
    var training = Lease("bench", "bench-train", new TrainingProposal(config, 1, "cell"));
    live.AttemptStarted("bench/0", rangeTest);
    live.AttemptStarted("bench/1", training);

    const int iterations = 2_000_000;
    var perIteration = Best(5, () =>
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            live.RangeTestProgressed(rangeTest.TrialId, new RangeTestProgress(i, 1000, 1e-3, 2.0));
        }

        return clock.Elapsed.TotalNanoseconds / iterations;
    });
    var perTrainingStep = Best(5, () =>
    {
        // What AttemptTelemetry.StepTaken does after every optimizer step of a training trial.
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            live.StepTaken(training.TrialId, new TrainingStep(1 + i, iterations, 1, 0.1, 0.9), plan);
        }

        return clock.Elapsed.TotalNanoseconds / iterations;
    });
    const int epochs = 200_000;
    var perEpoch = Best(5, () =>
    {
        var clock = Stopwatch.StartNew();
        var started = Stopwatch.GetTimestamp();
        for (var e = 1; e <= epochs; e++)
        {
            // What AttemptTelemetry.EpochCompleted does: the epoch's duration, then the registry.
            var now = Stopwatch.GetTimestamp();
            metrics.EpochTimed(Stopwatch.GetElapsedTime(started, now));
            started = now;
            live.EpochCompleted(training.TrialId, new EpochMetrics(1 + (e % 30), 0.5, 0.6, 0.9, 0.1, 2000), plan);
        }

        return clock.Elapsed.TotalNanoseconds / epochs;
    });

    var step = TrainingStepTimer.Measure(modelName, batch);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"training step, {modelName} batch {batch}: {step.TotalMilliseconds:F1} ms (best of {TrainingStepTimer.Rounds} rounds of {TrainingStepTimer.StepsPerRound})"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"per step (range-test iteration) with {trials} trials running: {perIteration:F0} ns = {perIteration / step.TotalNanoseconds * 100:G3} % of a step"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"per step (training step: position and planned 1cycle) with {trials} trials running: {perTrainingStep:F0} ns = {perTrainingStep / step.TotalNanoseconds * 100:G3} % of a step"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"per epoch (duration + registry) with {trials} trials running: {perEpoch:F0} ns = {perEpoch / step.TotalNanoseconds * 100:G3} % of one step"));
}

// 2. Scrapes.
var empty = await ScrapeAsync(0);
var full = await ScrapeAsync(trials);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"/metrics with no trial running: median {empty.Median:F2} ms, max {empty.Max:F2} ms, CPU {empty.Cpu:F2} ms per scrape, {empty.Bytes:N0} bytes"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"/metrics with {trials} training trials running: median {full.Median:F2} ms, max {full.Max:F2} ms, CPU {full.Cpu:F2} ms per scrape, {full.Bytes:N0} bytes, {full.Series:N0} sc_trial_/sc_worker_slot_ series"));

static async Task<(double Median, double Max, double Cpu, int Bytes, int Series)> ScrapeAsync(int trials)
{
    var builder = WebApplication.CreateSlimBuilder();
    builder.Logging.ClearProviders();
    var port = FreePort();
    builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
    builder.Services.AddSingleton<SweepMetrics>().AddSingleton<LiveTrials>();
    builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddSiloMetrics().AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
    await using var app = builder.Build();
    app.MapPrometheusScrapingEndpoint("/metrics");
    var config = new TrialConfig("synthetic", "resnet-small", 0.8, 25, 1e4, 5e-4, 256, 30, 0.85, 0.95, 1);
    Populate(app.Services.GetRequiredService<LiveTrials>(), new CyclePlan(config), config, trials);
    app.Services.GetRequiredService<SweepMetrics>().EpochTimed(TimeSpan.FromSeconds(1));
    await app.StartAsync();
    using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
    var text = "";
    for (var i = 0; i < 5; i++)
    {
        text = await http.GetStringAsync("metrics");
    }

    // Wall time per scrape, and the process's CPU time per scrape (what the scrape costs whatever else runs).
    const int scrapes = 30;
    var times = new List<double>();
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    for (var i = 0; i < scrapes; i++)
    {
        var clock = Stopwatch.StartNew();
        text = await http.GetStringAsync("metrics");
        times.Add(clock.Elapsed.TotalMilliseconds);
    }

    var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / scrapes;

    await app.StopAsync();
    times.Sort();
    var series = text.Split('\n').Count(l => l.StartsWith("sc_trial_", StringComparison.Ordinal) || l.StartsWith("sc_worker_slot_", StringComparison.Ordinal));
    return (times[times.Count / 2], times[^1], cpu, text.Length, series);
}

static void Populate(LiveTrials live, CyclePlan plan, TrialConfig config, int count)
{
    for (var i = 0; i < count; i++)
    {
        var lease = Lease($"sweep-{i % 10}", $"sweep-{i % 10}-{i:D6}", new TrainingProposal(config with { MaxLr = 0.1 + (i * 1e-3) }, 1, "cell"));
        var slot = $"worker-{i / 8}/{i % 8}";
        live.SlotOpened(slot);
        live.AttemptStarted(slot, lease);
        live.StepTaken(lease.TrialId, new TrainingStep(1000L * (1 + (i % 30)), 30_000, 1 + (i % 30), 0.1, 0.9), plan);
        live.EpochCompleted(lease.TrialId, new EpochMetrics(1 + (i % 30), 0.5, 0.6, 0.9, 0.1, 2000), plan);
    }
}

static TrialLease Lease(string sweep, string trial, TrialProposal proposal) =>
    new(trial, 1, new TrialDefinition(sweep, proposal, TrainerKind.Torch, 0), null, null);

static double Best(int rounds, Func<double> round) => Enumerable.Range(0, rounds).Select(_ => round()).Min();

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static string RuntimeInformationText() => System.Runtime.InteropServices.RuntimeInformation.OSArchitecture + " " + System.Runtime.InteropServices.RuntimeInformation.OSDescription;
