namespace SuperConvergence.Core.Sweeps;

/// <summary>
/// A whole sweep as the user writes it (YAML or JSON): what to train, where to search, how to spend the budget.
/// </summary>
public sealed record SweepSpec(
    string Name,
    string Dataset,
    string Model,
    TrainerSpec Trainer,
    SearchSpace SearchSpace,
    RangeTestSpec RangeTest,
    StrategyKind Strategy,
    BudgetSpec Budget,
    int MaxConcurrentTrials,
    int Seed,
    DataSubsetSpec? Data = null);

/// <summary>
/// Which trainer runs the trials: libtorch, the deterministic simulated response surface, the replay of a table of
/// real runs (the tabular benchmark), or the user's own program speaking the command-trainer protocol
/// (docs/training.md#command-trainer).
/// </summary>
public enum TrainerKind
{
    Torch,
    Simulated,
    Tabular,
    Command,
}

/// <summary>
/// EpochSeconds is the simulated and tabular trainers' wall time per epoch (0: as fast as possible); Table is the
/// tabular trainer's table file (a path the worker silos can read); Command is the command trainer's program.
/// </summary>
public sealed record TrainerSpec(TrainerKind Kind, double EpochSeconds = 0, string? Table = null, CommandTrainerSpec? Command = null);

/// <summary>The space the strategies search: a continuous max-LR interval and discrete cells.</summary>
public sealed record SearchSpace(
    LrRange MaxLr,
    IReadOnlyList<double> WeightDecay,
    IReadOnlyList<int> BatchSize,
    IReadOnlyList<int> CycleEpochs,
    MomentumRange Momentum);

[GenerateSerializer(IncludePrimaryConstructorParameters = false)]
[Immutable]
[Alias("sc.LrRange")]
public sealed record LrRange(
    [property: Id(0)] double Min,
    [property: Id(1)] double Max);

/// <summary>1cycle momentum: Max at the cycle's ends, Base at the LR peak.</summary>
public sealed record MomentumRange(double Base, double Max);

/// <summary>
/// Range tests per (batch size, weight decay) cell: Seeds runs of Iterations steps each. Hessian: each range test also
/// makes the Hessian-free LR estimate after its curve (docs/range-test.md), shown beside it; the search does not use it.
/// </summary>
public sealed record RangeTestSpec(int Iterations, double StartLr, double EndLr, int Seeds, bool Hessian = false);

public enum StrategyKind
{
    Adaptive,
    Grid,
    Random,
    Asha,
    Tpe,
}

/// <summary>
/// TrialEpochs caps the sum of cycle lengths of the training trials; MaxTrials caps their number; WallTime,
/// when set, stops launching new trials once it has passed. Range tests count toward none of them.
/// </summary>
public sealed record BudgetSpec(int TrialEpochs, int MaxTrials, TimeSpan? WallTime = null);

/// <summary>Optional subsets of the dataset, for quick sweeps (demo, tests).</summary>
public sealed record DataSubsetSpec(int? TrainImages = null, int? TestImages = null);
