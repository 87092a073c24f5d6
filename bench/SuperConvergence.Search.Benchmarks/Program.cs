using System.Globalization;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials.Tabular;
using SuperConvergence.Search.Benchmarks;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Runtime;
using SuperConvergence.Training.Training;

// The search benchmark (docs/tabular-benchmark.md).
//   table SPEC JOURNAL [--points-per-decade 4] [--seeds 3] [--parallel 2]   train the grid for real, resumably
//   assemble SPEC JOURNAL OUT --commit C --machine M --date D --command X    write the table from the journal
//   carve TABLE OUT --lrs a,b --wds a,b --bss a,b --cycles a,b --seeds a,b  a smaller table of the same runs
//   search SPEC TABLE OUT.json OUT.png [--seeds 20] [--slots 4] [--range-test-seeds 1] [--strategies adaptive,grid,...]
//   findings TABLE OUT.json OUT.png                                           the regularisation and batch-size findings
//   cost SPEC OUT.json [--trials 10000] [--window 1000]                       the strategies' own cost per trial
CpuKernelGuard.Apply();
switch (args.FirstOrDefault())
{
    case "table" when args.Length >= 3:
    {
        var spec = SweepSpecReader.ReadFile(args[1]);
        var grid = TableGrid.For(spec, IntOption("--points-per-decade", 4), IntOption("--seeds", 3));
        var trainer = new TorchTrainer(new DatasetStore(DataCache.DefaultDirectory()), TrainingDevice.Resolve("cpu"));
        await new TableGeneration(spec, grid, trainer, args[2], IntOption("--parallel", 2)).RunAsync(CancellationToken.None);
        return 0;
    }

    case "assemble" when args.Length >= 4:
    {
        var spec = SweepSpecReader.ReadFile(args[1]);
        var provenance = new TableProvenance(Option("--commit"), Option("--machine"), Option("--date"), Option("--command"));
        var table = TableAssembly.FromJournal(args[2], spec, provenance);
        _ = new TrialTableIndex(table, args[2]);
        Write(table, args[3]);
        Console.Error.WriteLine($"{args[3]}: {table.Trials.Count} trials, {table.RangeTests.Count} range tests");
        return 0;
    }

    case "carve" when args.Length >= 3:
    {
        // From a finished table, or from a generation journal (with --spec) while the rest of the grid is still training.
        var table = args[1].EndsWith(".jsonl", StringComparison.Ordinal)
            ? TableAssembly.FromJournal(args[1], SweepSpecReader.ReadFile(Option("--spec")), new TableProvenance(Option("--commit"), Option("--machine"), Option("--date"), Option("--command")))
            : TrialTableFile.Read(args[1]);
        var carved = TableAssembly.Carve(
            table,
            Doubles("--lrs").ToHashSet(), Doubles("--wds").ToHashSet(), Ints("--bss").ToHashSet(), Ints("--cycles").ToHashSet(), Ints("--seeds").ToHashSet());
        _ = new TrialTableIndex(carved, args[2]);
        Write(carved, args[2]);
        Console.Error.WriteLine($"{args[2]}: {carved.Trials.Count} trials, {carved.RangeTests.Count} range tests");
        return 0;
    }

    case "search" when args.Length >= 5:
    {
        var spec = SweepSpecReader.ReadFile(args[1]);
        var index = new TrialTableIndex(TrialTableFile.Read(args[2]), args[2]);
        var comparison = new SearchComparison(spec, args[2], index);
        var strategies = StrategiesOption();
        var seeds = IntOption("--seeds", 20);
        var slots = IntOption("--slots", 4);
        var rangeTestSeeds = IntOption("--range-test-seeds", 1);
        double[] shares = [0.05, 0.1, 0.25, 0.5, 1.0];
        var outcomes = new List<SweepOutcome>();
        foreach (var strategy in strategies)
        {
            foreach (var share in shares)
            {
                for (var seed = 1; seed <= seeds; seed++)
                {
                    outcomes.Add(await comparison.RunAsync(strategy, seed, share, slots, rangeTestSeeds));
                }
            }
        }

        var best = comparison.TableBest;
        var worst = (best.Accuracy - SearchComparison.ChanceAccuracy) * 100;
        var rows = SearchReport.Summarise(outcomes, worst);
        foreach (var row in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Strategy,-9} {row.BudgetShare,5:P0}: regret median {row.MedianRegret:F2} pp (IQR {row.Q25Regret:F2}–{row.Q75Regret:F2}), spent {row.MeanSpentEpochs:F1} epochs ({row.MeanRangeTestEpochs:F1} in range tests), {row.MeanTrials:F1} trials"));
        }

        var header = new
        {
            table = args[2],
            tableBest = new { meanAccuracy = best.Accuracy, maxLr = best.MaxLr, weightDecay = best.WeightDecay, batchSize = best.BatchSize, cycleEpochs = best.CycleEpochs },
            gridTrialEpochs = comparison.GridTrialEpochs,
            seeds,
            slots,
            rangeTestSeeds,
            budgetShares = shares,
            divergedCountsAs = SearchComparison.ChanceAccuracy,
            command = "bench/search/run.sh",
        };
        SearchReport.WriteJson(args[3], header, rows, outcomes);
        SearchReport.SavePng(args[4], rows, comparison.GridTrialEpochs, $"search on the {index.Table.Dataset} / {index.Table.Model} table: regret against budget ({seeds} seeds)");
        return 0;
    }

    case "findings" when args.Length >= 4:
    {
        var index = new TrialTableIndex(TrialTableFile.Read(args[1]), args[1]);
        var slices = TableFindings.Read(index);
        TableFindings.WriteJson(args[2], slices);
        TableFindings.SavePng(args[3], slices);
        foreach (var slice in slices)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"batch {slice.BatchSize}, cycle {slice.CycleEpochs}: best {slice.Best.MeanAccuracy:P2} at max LR {slice.Best.MaxLr:G3}, wd {slice.Best.WeightDecay:G2}; best wd per LR: {string.Join(", ", slice.BestWeightDecay.Select(b => $"{b.MaxLr:G2}→{b.WeightDecay:G1} (+{b.AdvantagePoints:F2})"))}"));
        }

        return 0;
    }

    case "cost" when args.Length >= 3:
    {
        var spec = SweepSpecReader.ReadFile(args[1]);
        var trials = IntOption("--trials", 10_000);
        var window = IntOption("--window", 1000);
        var results = new Dictionary<string, IReadOnlyList<StrategyCost.Window>>();
        foreach (var strategy in StrategiesOption())
        {
            var windows = await StrategyCost.MeasureAsync(spec, strategy, trials, window);
            results[strategy.ToString().ToLowerInvariant()] = windows;
            Console.WriteLine($"{strategy}: " + string.Join(", ", windows.Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.ToTrial}: {w.MicrosecondsPerTrial:F0} µs"))));
        }

        File.WriteAllText(args[2], System.Text.Json.JsonSerializer.Serialize(new { trials, window, microsecondsPerTrial = results }, new System.Text.Json.JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase }) + "\n");
        return 0;
    }

    default:
        Console.Error.WriteLine("usage: table SPEC JOURNAL [...] | assemble SPEC JOURNAL OUT --commit C --machine M --date D --command X | carve TABLE OUT --lrs .. --wds .. --bss .. --cycles .. --seeds ..");
        return 2;
}

static void Write(TrialTable table, string path)
{
    using var writer = new StreamWriter(path);
    TrialTableFile.Write(table, writer);
}

string Option(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : throw new ArgumentException($"{name} is required");
}

int IntOption(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

StrategyKind[] StrategiesOption()
{
    var at = Array.IndexOf(args, "--strategies");
    var names = at >= 0 && at + 1 < args.Length ? args[at + 1] : "adaptive,grid,random,asha,tpe";
    return [.. names.Split(',').Select(name => Enum.Parse<StrategyKind>(name, ignoreCase: true))];
}

IEnumerable<double> Doubles(string name) => Option(name).Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture));

IEnumerable<int> Ints(string name) => Option(name).Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture));
