using SuperConvergence.Core.Search;

namespace SuperConvergence.Cli.Sweeps;

/// <summary>
/// The stable JSON contracts of the sweep commands (docs/cli-json.md). Keys are never renamed or removed; new keys
/// may be added. Numbers are written in their shortest round-trip form; NaN and infinities are written as null.
/// </summary>
public static class SweepJson
{
    public static string Status(SweepStatus status) => JsonWriting.Write(StatusDocument(status), CliJsonContext.Default.SweepStatusDocument);

    public static string Best(IReadOnlyList<BestTrial> best) => JsonWriting.Write(
        [.. best.Select(t => new BestTrialDocument(t.TrialId, t.MaxLr, t.MinLr, t.WeightDecay, t.BatchSize, t.CycleEpochs, t.Accuracy, t.Epochs))],
        CliJsonContext.Default.IReadOnlyListBestTrialDocument);

    /// <summary>The `trials` entries of the status JSON, as one array (`sc sweep export --format json`).</summary>
    public static string Trials(IEnumerable<TrialSummary> trials) =>
        JsonWriting.Write([.. trials.Select(Entry)], CliJsonContext.Default.IReadOnlyListTrialEntryDocument);

    public static string SweepId(string sweepId) => JsonWriting.Write(new SubmittedSweepDocument(sweepId), CliJsonContext.Default.SubmittedSweepDocument);

    public static string List(IReadOnlyList<SweepListing> sweeps) => JsonWriting.Write(
        [.. sweeps.Select(s => new SweepListingDocument(s.SweepId, s.Name, Wire(s.State), s.CreatedAt))],
        CliJsonContext.Default.IReadOnlyListSweepListingDocument);

    public static string Wire(SweepState state) => state switch
    {
        SweepState.NotStarted => "not-started",
        _ => state.ToString().ToLowerInvariant(),
    };

    /// <summary>A moment as every JSON document of the console writes it: round-trip ("O") text.</summary>
    public static string? Wire(DateTimeOffset? moment) => moment?.ToString("O", CultureInfo.InvariantCulture);

    private static SweepStatusDocument StatusDocument(SweepStatus status) => new(
        status.SweepId,
        status.Name,
        Wire(status.State),
        status.Round,
        new LrBoundsDocument(status.Bounds.Min, status.Bounds.Max),
        status.Phase,
        status.BoundsSource,
        status.FirstFailure,
        status.TotalTrials,
        new SortedDictionary<string, int>(status.CountsByName.ToDictionary(), StringComparer.Ordinal),
        status.TrialEpochsUsed,
        Wire(status.StartedAt),
        Wire(status.FinishedAt),
        [.. status.History.Select(r => new RoundBoundsDocument(r.Round, r.Bounds.Min, r.Bounds.Max, r.BestAccuracy))],
        status.TrialOffset,
        [.. status.Trials.Select(Entry)]);

    private static TrialEntryDocument Entry(TrialSummary trial)
    {
        var config = trial.Config;
        var rangeTest = trial.RangeTestConfig;
        return new TrialEntryDocument(
            trial.TrialId,
            trial.Kind.ToWire(),
            trial.State.ToWire(),
            trial.Attempts,
            trial.ResumedFromEpoch,
            trial.Worker,
            new TrialEntryConfigDocument(
                config?.MaxLr,
                config?.MinLr,
                config?.WeightDecay ?? rangeTest?.WeightDecay,
                config?.BatchSize ?? rangeTest?.BatchSize,
                config?.CycleEpochs),
            trial.Accuracy,
            trial.EpochsCompleted,
            trial.LatestEpoch is { } latest ? new LatestEpochDocument(latest.Epoch, latest.TrainLoss, latest.TestLoss, latest.TestAccuracy) : null,
            trial.RangeTestProgress is { } progress
                ? new RangeTestProgressDocument(progress.Iterations, progress.PlannedIterations, progress.LearningRate, progress.Loss, progress.Accuracy)
                : null);
    }
}
