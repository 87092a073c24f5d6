namespace SuperConvergence.Cli.Sweeps;

/// <summary>
/// One trial as the status lists it and `sc sweep export --format json` streams it: the same object in both, so a
/// script reads either.
/// </summary>
public sealed record TrialEntryDocument(
    string TrialId,
    string Kind,
    string State,
    int Attempts,
    int? ResumedFromEpoch,
    string? Worker,
    TrialEntryConfigDocument Config,
    double? Accuracy,
    int EpochsCompleted,
    LatestEpochDocument? Latest,
    RangeTestProgressDocument? RangeTest);

/// <summary>The searched hyperparameters of a trial; a range test has no LR or cycle of its own (null).</summary>
public sealed record TrialEntryConfigDocument(double? MaxLr, double? MinLr, double? WeightDecay, int? BatchSize, int? CycleEpochs);

/// <summary>The newest epoch a training trial reported.</summary>
public sealed record LatestEpochDocument(int Epoch, double? TrainLoss, double? TestLoss, double? TestAccuracy);

/// <summary>How far a running range test is.</summary>
public sealed record RangeTestProgressDocument(int Iterations, int PlannedIterations, double? LearningRate, double? Loss, double? Accuracy);
