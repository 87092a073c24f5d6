namespace SuperConvergence.Core.Sweeps;

/// <summary>
/// The values a spec gets for the optional fields it leaves out (docs/sweep-spec.md lists them). Momentum and the
/// cycle's div factors follow PyTorch's OneCycleLR defaults, so a trial means what a PyTorch user expects.
/// </summary>
public static class SweepSpecDefaults
{
    public const TrainerKind Trainer = TrainerKind.Torch;
    public const double EpochSeconds = 0;

    /// <summary>The command trainer's wait for a line: an epoch of a real model on a CPU can take most of an hour.</summary>
    public static TimeSpan CommandLineTimeout { get; } = TimeSpan.FromHours(1);

    public static IReadOnlyList<double> WeightDecay { get; } = [1e-4];
    public static IReadOnlyList<int> BatchSize { get; } = [128];
    public static IReadOnlyList<int> CycleEpochs { get; } = [5];
    public const double BaseMomentum = 0.85;
    public const double MaxMomentum = 0.95;

    public const int RangeTestIterations = 200;
    public const double RangeTestStartLr = 1e-5;
    public const double RangeTestEndLr = 10;
    public const int RangeTestSeeds = 3;
    public const bool RangeTestHessian = false;

    public const StrategyKind Strategy = StrategyKind.Adaptive;

    public const int TrialEpochs = 200;
    public const int MaxTrials = 50;

    public const int MaxConcurrentTrials = 4;
    public const int Seed = 0;

    /// <summary>OneCycleLR's div_factor: the cycle starts at MaxLr / 25.</summary>
    public const double DivFactor = 25;

    /// <summary>OneCycleLR's final_div_factor: the cycle ends at MaxLr / (25 · 1e4).</summary>
    public const double FinalDivFactor = 1e4;
}
