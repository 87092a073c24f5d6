namespace SuperConvergence.Abstractions.Sweeps;

/// <summary>
/// One entry of `sc sweep best`: a finished training trial with its full config. A shape of its own because the sweep
/// keeps its best few in its state, flat, so `sc sweep best` answers without waking a trial grain.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("sc.BestTrial")]
public sealed record BestTrial(
    [property: Id(0)] string TrialId,
    [property: Id(1)] double MaxLr,
    [property: Id(2)] double MinLr,
    [property: Id(3)] double WeightDecay,
    [property: Id(4)] int BatchSize,
    [property: Id(5)] int CycleEpochs,
    [property: Id(6)] double Accuracy,
    [property: Id(7)] int Epochs);
