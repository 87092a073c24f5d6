namespace SuperConvergence.Grains.Telemetry;

/// <summary>
/// What a coordinator shows of its sweep on /metrics. Made in one of the sweep grain's turns and read on the
/// exporter's thread: being immutable, a scrape can never see a sweep half-way through an update.
/// </summary>
/// <param name="Running">False once the sweep has completed or been cancelled; its final values stay until the grain deactivates.</param>
/// <param name="Round">The strategy's narrowing round (0 while the adaptive strategy runs range tests).</param>
/// <param name="MaxLrBounds">The max-LR interval the current round draws from.</param>
/// <param name="BestAccuracy">The best completed training trial's test accuracy; null before the first.</param>
/// <param name="TrialEpochsUsed">Epochs the finished training trials ran, the figure the status shows.</param>
/// <param name="TrialEpochsBudget">The spec's budget.trialEpochs.</param>
public sealed record SweepSnapshot(
    string SweepId,
    string Name,
    bool Running,
    int Round,
    LrRange MaxLrBounds,
    double? BestAccuracy,
    SweepTrialCounts Trials,
    int TrialEpochsUsed,
    int TrialEpochsBudget);
