using SuperConvergence.Core.Sweeps;

namespace SuperConvergence.Grains.Tests.Sweeps;

internal static class SpecBuilder
{
    public static SweepSpec Small(int cycleEpochs = 3, int rangeTestSeeds = 0, int maxConcurrent = 4, double[]? weightDecay = null, TimeSpan? wallTime = null) => new(
        "grain-test",
        "synthetic",
        "mlp",
        new TrainerSpec(TrainerKind.Simulated),
        new SearchSpace(new LrRange(0.01, 1.0), weightDecay ?? [1e-4, 5e-4], [128], [cycleEpochs], new MomentumRange(0.85, 0.95)),
        new RangeTestSpec(20, 1e-4, 10, rangeTestSeeds),
        StrategyKind.Grid,
        new BudgetSpec(1000, 100, wallTime),
        maxConcurrent,
        7);
}
