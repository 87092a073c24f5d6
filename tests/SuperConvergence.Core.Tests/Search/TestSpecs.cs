using SuperConvergence.Core.Sweeps;

namespace SuperConvergence.Core.Tests.Search;

/// <summary>Small sweeps on the simulated trainer: fast enough to run whole, many times, in unit tests.</summary>
internal static class TestSpecs
{
    public static SweepSpec Simulated(StrategyKind strategy, int seed = 1, int trialEpochs = 80, int maxTrials = 30, int slots = 4) => new(
        Name: $"test-{strategy}".ToLowerInvariant(),
        Dataset: "synthetic",
        Model: "simulated",
        Trainer: new TrainerSpec(TrainerKind.Simulated),
        SearchSpace: new SearchSpace(
            MaxLr: new LrRange(1e-3, 10),
            WeightDecay: [1e-4, 5e-4],
            BatchSize: [128, 512],
            CycleEpochs: [1, 2, 4],
            Momentum: new MomentumRange(0.85, 0.95)),
        RangeTest: new RangeTestSpec(Iterations: 120, StartLr: 1e-5, EndLr: 10, Seeds: 2),
        Strategy: strategy,
        Budget: new BudgetSpec(trialEpochs, maxTrials),
        MaxConcurrentTrials: slots,
        Seed: seed);
}
