using SuperConvergence.Abstractions.Sweeps;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Core.RangeTests;
using SuperConvergence.Core.Search;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials;

namespace SuperConvergence.Cli.Tests.Sweeps;

/// <summary>Fixed records of a small sweep, the same wherever output of the query commands is pinned.</summary>
internal static class SampleRecords
{
    public static readonly DateTimeOffset Started = new(2026, 11, 23, 0, 2, 32, TimeSpan.Zero);

    public static readonly TrialConfig Config = new("fashion-mnist", "resnet-small", 0.8, 25, 1e4, 5e-4, 256, 3, 0.85, 0.95, 1);

    public static readonly RangeTestConfig RangeTestConfig = new("fashion-mnist", "resnet-small", 1e-4, 10, 100, RangeTestRamp.Exponential, 5e-4, 256, 0.9, 1);

    public static IReadOnlyList<SweepListing> Listings =>
    [
        new("demo-20261123-000232-d1af", "demo", SweepState.Running, Started),
        new("grid, \"quoted\"-20261122-0a1b", "grid, \"quoted\"", SweepState.Completed, Started.AddDays(-1)),
    ];

    public static IReadOnlyList<TrialSummary> Trials =>
    [
        new("s-000001", new RangeTestProposal(RangeTestConfig, "bs=256,wd=5e-4"), TrialState.Completed, 1, null, "w0/1", null, 0),
        new("s-000002", new TrainingProposal(Config, 1, "bs=256,wd=5e-4"), TrialState.Completed, 2, 1, "w0/0", 0.9125, 3),
        new("s-000003", new TrainingProposal(Config with { MaxLr = 2.5 }, 1, "bs=256,wd=5e-4"), TrialState.Running, 1, null, "w1/0", null, 1),
    ];

    public static SweepStatus Status => new(
        "s", "demo", SweepState.Running, 1, new LrRange(0.1, 2.5), "narrowing", 3,
        new Dictionary<TrialState, int> { [TrialState.Running] = 1, [TrialState.Completed] = 2 }, 0, Trials, 4, Started, null,
        [new RoundBounds(1, new LrRange(0.1, 2.5), 0.9125)]);

    public static IReadOnlyList<BestTrial> Best => [new("s-000002", 0.8, 0.032, 5e-4, 256, 3, 0.9125, 3)];

    public static TrialView Training => new(
        "s-000002", new TrialDefinition("s", Trials[1].Proposal, TrainerKind.Simulated, 0), TrialState.Completed, 2, 1, "w0/0",
        [new EpochMetrics(1, 1.25, 0.9, 0.71, 0.4, 1520), new EpochMetrics(2, 0.5, double.NaN, 0.85, 0.8, 1498.5), new EpochMetrics(3, 0.25, 0.3, 0.9125, 8e-5, 1510)],
        0.9125, null, null, Started, Started.AddMinutes(3));

    public static TrialView RangeTest => new(
        "s-000001", new TrialDefinition("s", Trials[0].Proposal, TrainerKind.Simulated, 0), TrialState.Completed, 1, null, "w0/1",
        [], null, [new RangeTestPoint(1e-4, 2.3, null), new RangeTestPoint(1e-2, 1.1, 0.6), new RangeTestPoint(10, double.PositiveInfinity, null)],
        null, Started, Started.AddSeconds(40));

    /// <summary>A range test whose spec asked for the Hessian-free estimate: a skipped layer and iteration among its numbers.</summary>
    public static TrialView RangeTestWithHessian => RangeTest with
    {
        Definition = RangeTest.Definition! with { Proposal = new RangeTestProposal(RangeTestConfig with { Hessian = true }, RangeTest.Definition.Proposal.Cell) },
        Hessian = new HessianFreeEstimate(
            0.25,
            [new LayerLearningRate("stem", 0.2, 2, 0), new LayerLearningRate("classifier", null, 0, 2)],
            IterationsUsed: 1,
            IterationsSkipped: 1,
            Window: 20,
            Diverged: false,
            [new HessianFreeIteration(0, 2.3, 0.25, 0.25, [0.2, null]), new HessianFreeIteration(1, 2.2, null, 0.25, [0.2, null])]),
    };
}
