namespace SuperConvergence.Cli.Sweeps;

/// <summary>
/// A trial's full config in `sc trial show`: the keys depend on the kind of trial, so each kind has its own shape,
/// written without a type marker (the trial's `kind` says which). The cell and round close both.
/// </summary>
[JsonDerivedType(typeof(TrainingTrialConfigDocument))]
[JsonDerivedType(typeof(RangeTestTrialConfigDocument))]
public abstract record TrialShowConfigDocument;

/// <summary>A training trial's 1cycle, optimizer and data settings.</summary>
public sealed record TrainingTrialConfigDocument(
    string Dataset,
    string Model,
    double? MaxLr,
    double? MinLr,
    double? FinalLr,
    double? WeightDecay,
    int BatchSize,
    int CycleEpochs,
    double? BaseMomentum,
    double? MaxMomentum,
    int Seed,
    string Cell,
    int Round) : TrialShowConfigDocument;

/// <summary>A range test's LR ramp and data settings.</summary>
public sealed record RangeTestTrialConfigDocument(
    string Dataset,
    string Model,
    double? StartLr,
    double? EndLr,
    int Iterations,
    string Ramp,
    double? WeightDecay,
    int BatchSize,
    int Seed,
    bool Hessian,
    string Cell,
    int Round) : TrialShowConfigDocument;
