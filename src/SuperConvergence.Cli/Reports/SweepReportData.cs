namespace SuperConvergence.Cli.Reports;

/// <summary>
/// What a report is drawn from: the sweep's status (with its narrowing history), every trial's summary, the range
/// tests' curves and the best trials' per-epoch histories.
/// </summary>
public sealed record SweepReportData(
    SweepStatus Status,
    IReadOnlyList<TrialSummary> Trials,
    IReadOnlyList<TrialView> RangeTests,
    IReadOnlyList<BestTrial> Best,
    IReadOnlyList<TrialView> BestHistories);
