namespace SuperConvergence.Cli.Sweeps;

/// <summary>One row of `sc sweep best --format json`, best first.</summary>
public sealed record BestTrialDocument(
    string TrialId,
    double? MaxLr,
    double? MinLr,
    double? WeightDecay,
    int BatchSize,
    int CycleEpochs,
    double? Accuracy,
    int Epochs);
