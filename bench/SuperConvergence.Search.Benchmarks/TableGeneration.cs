using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SuperConvergence.Core.Search.Space;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials;

namespace SuperConvergence.Search.Benchmarks;

/// <summary>
/// Trains every point of the tabular benchmark's grid for real (the worker's own <see cref="ITrainer"/>, the configs the
/// strategies would propose) and appends each finished run to a journal, one JSON line each. A rerun skips what the
/// journal already holds, so the hours it takes can be spread over several sittings.
/// </summary>
internal sealed class TableGeneration(SweepSpec spec, TableGrid grid, ITrainer trainer, string journal, int parallel)
{
    private readonly object _gate = new();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var done = ReadDone(journal);
        var configs = new TrialConfigs(spec);
        var work = new List<(string Key, Func<CancellationToken, Task<JsonObject>> Run)>();
        foreach (var seed in grid.Seeds)
        {
            foreach (var cell in SearchCell.AllOf(spec.SearchSpace))
            {
                var config = configs.RangeTest(cell, seed);
                work.Add((RangeTestKey(cell.WeightDecay, cell.BatchSize, seed), token => RangeTestAsync(config, token)));
            }
        }

        foreach (var seed in grid.Seeds)
        {
            foreach (var cycle in spec.SearchSpace.CycleEpochs)
            {
                foreach (var cell in SearchCell.AllOf(spec.SearchSpace))
                {
                    foreach (var maxLr in grid.MaxLrs)
                    {
                        var config = configs.Train(maxLr, cell, cycle, seed);
                        work.Add((TrialKey(maxLr, cell.WeightDecay, cell.BatchSize, cycle, seed), token => TrainAsync(config, token)));
                    }
                }
            }
        }

        var pending = new ConcurrentQueue<(string Key, Func<CancellationToken, Task<JsonObject>> Run)>(work.Where(item => !done.Contains(item.Key)));
        var total = pending.Count;
        var finished = 0;
        Console.Error.WriteLine($"table: {work.Count} runs, {done.Count} already in {journal}, {total} to go");
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, parallel).Select(_ => Task.Run(async () =>
        {
            while (pending.TryDequeue(out var item))
            {
                JsonObject record;
                try
                {
                    record = await item.Run(cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One failed run must not stop this worker: it is reported, left out of the journal, and redone by a rerun.
                    lock (_gate)
                    {
                        Console.Error.WriteLine($"FAILED {item.Key}: {e}");
                    }

                    continue;
                }

                record["key"] = item.Key;
                var line = record.ToJsonString();
                lock (_gate)
                {
                    File.AppendAllText(journal, line + "\n");
                    finished++;
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{finished}/{total}, {clock.Elapsed:hh\\:mm\\:ss}] {item.Key}"));
                }
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers);
    }

    internal static string TrialKey(double maxLr, double weightDecay, int batchSize, int cycle, int seed) =>
        string.Create(CultureInfo.InvariantCulture, $"trial lr={maxLr:R} wd={weightDecay:R} bs={batchSize} cycle={cycle} seed={seed}");

    internal static string RangeTestKey(double weightDecay, int batchSize, int seed) =>
        string.Create(CultureInfo.InvariantCulture, $"rangetest wd={weightDecay:R} bs={batchSize} seed={seed}");

    private async Task<JsonObject> TrainAsync(TrialConfig config, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var outcome = await trainer.TrainAsync(config, resumeFrom: null, new NoCheckpoints(), cancellationToken);
        var epochs = new JsonArray();
        foreach (var epoch in outcome.Epochs)
        {
            epochs.Add(new JsonArray(Number(epoch.TrainLoss), Number(epoch.TestLoss), Number(epoch.TestAccuracy)));
        }

        return new JsonObject
        {
            ["kind"] = "trial",
            ["maxLr"] = config.MaxLr,
            ["weightDecay"] = config.WeightDecay,
            ["batchSize"] = config.BatchSize,
            ["cycleEpochs"] = config.CycleEpochs,
            ["seed"] = config.Seed,
            ["status"] = outcome.Status == TrialEnd.Completed ? "completed" : "diverged",
            ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2),
            ["epochs"] = epochs,
        };
    }

    private async Task<JsonObject> RangeTestAsync(RangeTestConfig config, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var outcome = await trainer.RangeTestAsync(config, observer: null, cancellationToken);
        var points = new JsonArray();
        foreach (var point in outcome.Points)
        {
            points.Add(new JsonArray(point.LearningRate, Number(point.Loss), point.Accuracy is { } accuracy ? Number(accuracy) : null));
        }

        return new JsonObject
        {
            ["kind"] = "rangeTest",
            ["weightDecay"] = config.WeightDecay,
            ["batchSize"] = config.BatchSize,
            ["seed"] = config.Seed,
            ["diverged"] = outcome.Diverged,
            ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2),
            ["points"] = points,
        };
    }

    /// <summary>Losses as numbers, NaN and infinities as null (JSON has no NaN).</summary>
    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    private static HashSet<string> ReadDone(string path)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return done;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                done.Add(document.RootElement.GetProperty("key").GetString()!);
            }
            catch (JsonException)
            {
                // A line cut short by a kill: its run is redone.
            }
        }

        return done;
    }

    /// <summary>The table keeps metrics only; checkpoints are not needed for runs that are never resumed.</summary>
    private sealed class NoCheckpoints : ITrainingObserver
    {
        public ValueTask OnEpochCompletedAsync(EpochMetrics metrics, TrainingCheckpoint checkpoint, CancellationToken cancellationToken) =>
            ValueTask.CompletedTask;
    }
}

/// <summary>The grid's max LRs (log-spaced, both ends included) and the seeds every point is trained with.</summary>
internal sealed record TableGrid(IReadOnlyList<double> MaxLrs, IReadOnlyList<int> Seeds)
{
    /// <summary>PointsPerDecade log-spaced values from the spec's maxLr.min to maxLr.max, both included.</summary>
    public static TableGrid For(SweepSpec spec, int pointsPerDecade, int seeds)
    {
        var low = Math.Log10(spec.SearchSpace.MaxLr.Min);
        var high = Math.Log10(spec.SearchSpace.MaxLr.Max);
        var count = (int)Math.Round((high - low) * pointsPerDecade) + 1;
        var lrs = Enumerable.Range(0, count).Select(i => Math.Round(Math.Pow(10, low + ((high - low) * i / (count - 1))), 12, MidpointRounding.ToEven)).ToArray();
        return new TableGrid(lrs, Enumerable.Range(1, seeds).ToArray());
    }
}
