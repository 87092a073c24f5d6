namespace SuperConvergence.Core.Trials.Tabular;

/// <summary>
/// A table of real runs over a grid of the search space (docs/tabular-benchmark.md): every (max LR, weight decay, batch
/// size, cycle length, seed) trained with 1cycle and every epoch's metrics recorded, plus the LR range test curves of
/// every (weight decay, batch size) cell. The <see cref="TabularTrainer"/> replays it through the cluster, so search
/// strategies can be compared on real training at no training cost, as LCBench and NAS-Bench-201 do.
/// </summary>
public sealed record TrialTable(
    TableProvenance Provenance,
    string Dataset,
    string Model,
    int TrainImages,
    int TestImages,
    TableRangeTestSettings RangeTest,
    IReadOnlyList<TableTrial> Trials,
    IReadOnlyList<TableRangeTest> RangeTests)
{
    /// <summary>The schema name and version written as the file's <c>schema</c> field.</summary>
    public const string Schema = "superconvergence.trial-table/1";

    // The grid's values are computed from the runs on each call, not stored: a copy made with `with` and other runs
    // must not keep the original's grid. Hot paths use TrialTableIndex, which holds them once.

    /// <summary>The grid's max LRs, ascending.</summary>
    public IReadOnlyList<double> MaxLrs => [.. Trials.Select(t => t.MaxLr).Distinct().Order()];

    public IReadOnlyList<double> WeightDecays => [.. Trials.Select(t => t.WeightDecay).Distinct().Order()];

    public IReadOnlyList<int> BatchSizes => [.. Trials.Select(t => t.BatchSize).Distinct().Order()];

    public IReadOnlyList<int> CycleEpochs => [.. Trials.Select(t => t.CycleEpochs).Distinct().Order()];

    /// <summary>The seeds every grid point was trained with, ascending; a trial's seed picks one of them.</summary>
    public IReadOnlyList<int> Seeds => [.. Trials.Select(t => t.Seed).Distinct().Order()];

    public IReadOnlyList<int> RangeTestSeeds => [.. RangeTests.Select(t => t.Seed).Distinct().Order()];
}

/// <summary>Where a table came from: the commit that made it, the machine, the date and the command.</summary>
public sealed record TableProvenance(string Commit, string Machine, string Date, string Command);

/// <summary>The settings every recorded range test shares (those of <c>TrialConfigs.RangeTest</c> for the table's spec).</summary>
public sealed record TableRangeTestSettings(double StartLr, double EndLr, int Iterations, double Momentum, int AccuracyEvery);

/// <summary>
/// One recorded 1cycle run. Epochs are the epochs it completed; a diverged run stops before the epoch that blew up,
/// as the libtorch trainer reports it.
/// </summary>
public sealed record TableTrial(
    double MaxLr,
    double WeightDecay,
    int BatchSize,
    int CycleEpochs,
    int Seed,
    TrialEnd Status,
    double Seconds,
    IReadOnlyList<TableEpoch> Epochs)
{
    /// <summary>The final test accuracy; null for a run that diverged.</summary>
    public double? FinalAccuracy => Status == TrialEnd.Completed && Epochs.Count > 0 ? Epochs[^1].TestAccuracy : null;
}

/// <summary>One epoch's recorded metrics.</summary>
public sealed record TableEpoch(double TrainLoss, double TestLoss, double TestAccuracy);

/// <summary>One recorded range test: its curve up to where it stopped (a diverged curve ends at the blow-up).</summary>
public sealed record TableRangeTest(double WeightDecay, int BatchSize, int Seed, bool Diverged, double Seconds, IReadOnlyList<RangeTests.RangeTestPoint> Points);
