namespace SuperConvergence.Paper.Evidence;

/// <summary>Final test accuracies of the seeds of one setting: their mean, least and greatest.</summary>
public sealed record Spread(IReadOnlyList<double> Values)
{
    public double Mean => Values.Average();

    public double Min => Values.Min();

    public double Max => Values.Max();

    /// <summary>Sample standard deviation (0 for one seed).</summary>
    public double StandardDeviation => Values.Count < 2 ? 0 : Math.Sqrt(Values.Sum(v => (v - Mean) * (v - Mean)) / (Values.Count - 1));
}

/// <summary>One candidate LR of the conventional schedule, tuned on seed 1's final test accuracy.</summary>
public sealed record Candidate(double MaxLr, string Status, double? FinalAccuracy);

/// <summary>The runs of one schedule at one length: the seeds, their finals, and the mean test accuracy after each epoch.</summary>
public sealed record ScheduleResult(string Policy, double MaxLr, int Epochs, int Iterations, IReadOnlyList<PaperRun> Runs, Spread Final, IReadOnlyList<EpochPoint> MeanCurve)
{
    /// <summary>The seeds' mean training loss over their last epoch.</summary>
    public double MeanTrainLoss => Runs.Average(r => r.FinalTrainLoss ?? double.NaN);

    public static ScheduleResult Of(IReadOnlyList<PaperRun> runs)
    {
        var completed = runs.Where(r => r.Completed).OrderBy(r => r.Seed).ToList();
        if (completed.Count == 0)
        {
            throw new InvalidDataException($"{runs[0].File}: no seed of {runs[0].Policy} at max LR {runs[0].MaxLr} completed");
        }

        var first = completed[0];
        var curve = first.History.Select((point, i) => new EpochPoint(
            point.Epoch, point.Iteration, completed.All(r => r.History[i].TestAccuracy is not null) ? completed.Average(r => r.History[i].TestAccuracy!.Value) : null)).ToList();
        return new ScheduleResult(first.Policy, first.MaxLr, first.Epochs, first.Iterations, completed, new Spread([.. completed.Select(r => r.FinalAccuracy!.Value)]), curve);
    }
}

/// <summary>
/// Finding 1: 1cycle at the range test's recommendation against the tuned conventional schedule. The target is the
/// conventional schedule's final test accuracy (mean of its seeds); the conventional schedule needs the iterations
/// to the first epoch where its mean curve reaches it, 1cycle the iterations of the shortest cycle whose mean final
/// accuracy reaches it (a cycle's accuracy belongs to its whole length: its LR anneals to the end).
/// </summary>
public sealed record SuperConvergenceFinding(
    double OneCycleMaxLr,
    IReadOnlyList<Candidate> Candidates,
    ScheduleResult Conventional,
    IReadOnlyList<ScheduleResult> Cycles,
    double Target,
    int ConventionalIterationsToTarget,
    int? OneCycleIterationsToTarget,
    double Tolerance,
    int ConventionalIterationsToTolerance,
    int? OneCycleIterationsToTolerance)
{
    /// <summary>The conventional schedule's iterations to its final accuracy over 1cycle's (null: no cycle reached it).</summary>
    public double? IterationRatio => OneCycleIterationsToTarget is int c ? (double)ConventionalIterationsToTarget / c : null;

    /// <summary>The paper's reading: the conventional schedule's whole length over the shortest cycle that matched it.</summary>
    public double? LengthRatio => OneCycleIterationsToTarget is int c ? (double)Conventional.Iterations / c : null;

    /// <summary>The same ratio with the target lowered by <see cref="Tolerance"/> (robust to the last tenths of a point of noise).</summary>
    public double? ToleranceRatio => OneCycleIterationsToTolerance is int c ? (double)ConventionalIterationsToTolerance / c : null;

    public ScheduleResult BestCycle => Cycles.MaxBy(c => c.Final.Mean)!;

    public static SuperConvergenceFinding Of(PaperResults results, double tolerance)
    {
        var oneCycleMaxLr = results.RangeTest.Report.Recommended.MaxLr;
        var conventional = results.Super.Where(r => r.Policy == "multistep").ToList();
        var candidates = conventional.Where(r => r.Seed == 1).OrderBy(r => r.MaxLr)
            .Select(r => new Candidate(r.MaxLr, r.Status, r.FinalAccuracy)).ToList();
        var tuned = candidates.Where(c => c.FinalAccuracy is not null).MaxBy(c => c.FinalAccuracy)
            ?? throw new InvalidDataException("results/super: no conventional candidate completed");
        var chosen = ScheduleResult.Of([.. conventional.Where(r => r.MaxLr == tuned.MaxLr)]);
        var cycles = results.Super.Where(r => r.Policy == "onecycle")
            .Where(r => r.Completed)
            .GroupBy(r => r.Epochs)
            .OrderBy(g => g.Key)
            .Select(g => ScheduleResult.Of([.. g]))
            .ToList();
        if (cycles.Any(c => Math.Abs(c.MaxLr / oneCycleMaxLr - 1) > 1e-9))
        {
            throw new InvalidDataException($"results/super: a 1cycle run is not at the range test's recommendation {oneCycleMaxLr}");
        }

        var target = chosen.Final.Mean;
        return new SuperConvergenceFinding(
            oneCycleMaxLr, candidates, chosen, cycles, target,
            FirstReach(chosen, target), cycles.FirstOrDefault(c => c.Final.Mean >= target)?.Iterations,
            tolerance,
            FirstReach(chosen, target - tolerance), cycles.FirstOrDefault(c => c.Final.Mean >= target - tolerance)?.Iterations);
    }

    private static int FirstReach(ScheduleResult schedule, double target) =>
        schedule.MeanCurve.First(p => p.TestAccuracy >= target).Iteration;
}

/// <summary>One training-set size of finding 2: both schedules at the same iterations, paired by seed.</summary>
public sealed record SizeResult(int TrainImages, ScheduleResult OneCycle, ScheduleResult Conventional)
{
    /// <summary>1cycle's mean final accuracy minus the conventional schedule's (a share; ×100 for points).</summary>
    public double Gap => OneCycle.Final.Mean - Conventional.Final.Mean;

    public IReadOnlyList<double> SeedGaps => [.. OneCycle.Runs.Join(Conventional.Runs, r => r.Seed, r => r.Seed, (o, c) => o.FinalAccuracy!.Value - c.FinalAccuracy!.Value)];
}

/// <summary>Finding 2: the 1cycle-vs-conventional gap in final test accuracy for each training-set size.</summary>
public sealed record LessDataFinding(IReadOnlyList<SizeResult> Sizes)
{
    /// <summary>Whether the gap grows at every step down in size (the paper's claim, strictly).</summary>
    public bool GapWidensAtEveryStep => Sizes.Zip(Sizes.Skip(1)).All(pair => pair.First.Gap > pair.Second.Gap);

    public static LessDataFinding Of(PaperResults results) => new([.. results.LessData
        .Where(r => r.Completed)
        .GroupBy(r => r.TrainImages)
        .Where(g => g.Any(r => r.Policy == "onecycle") && g.Any(r => r.Policy == "multistep"))
        .OrderBy(g => g.Key)
        .Select(g => new SizeResult(g.Key, ScheduleResult.Of([.. g.Where(r => r.Policy == "onecycle")]), ScheduleResult.Of([.. g.Where(r => r.Policy == "multistep")])))]);
}
