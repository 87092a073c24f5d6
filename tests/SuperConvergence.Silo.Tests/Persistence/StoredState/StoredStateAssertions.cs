using SuperConvergence.Core.RangeTests;
using SuperConvergence.Grains.Sweeps;
using SuperConvergence.Grains.Trials;
using SuperConvergence.Grains.Work;

namespace SuperConvergence.Silo.Tests.Persistence.StoredState;

/// <summary>Field by field: a state read back from a fixture against the sample it was written from.</summary>
internal static class StoredStateAssertions
{
    public static void Equal(object expected, object? actual)
    {
        switch (expected)
        {
            case SweepGrainState sweep:
                Sweep(sweep, Assert.IsType<SweepGrainState>(actual));
                break;
            case TrialGrainState trial:
                Trial(trial, Assert.IsType<TrialGrainState>(actual));
                break;
            case SweepCatalogState catalog:
                Assert.Equal(catalog.Sweeps, Assert.IsType<SweepCatalogState>(actual).Sweeps);
                break;
            case WorkQueueState queue:
                var read = Assert.IsType<WorkQueueState>(actual);
                Assert.Equal(queue.Pending, read.Pending);
                Assert.Equal(queue.Leases, read.Leases);
                break;
            default:
                Assert.Fail($"no assertion for {expected.GetType()}");
                break;
        }
    }

    private static void Sweep(SweepGrainState expected, SweepGrainState actual)
    {
        Assert.Equal(expected.SpecText, actual.SpecText);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.State, actual.State);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.FinishedAt, actual.FinishedAt);
        Assert.Equal(expected.NextTrialNumber, actual.NextTrialNumber);
        Assert.Equal(expected.StrategyState, actual.StrategyState);
        Assert.Equal(expected.Active, actual.Active);
        Assert.Equal(expected.FinishedCounts, actual.FinishedCounts);
        Assert.Equal(expected.TrialEpochsUsed, actual.TrialEpochsUsed);
        Assert.Equal(expected.Best, actual.Best);
        Assert.Equal(expected.WallTimeExpired, actual.WallTimeExpired);
        Assert.Equal(expected.FirstFailure, actual.FirstFailure);
    }

    private static void Trial(TrialGrainState expected, TrialGrainState actual)
    {
        Assert.Equal(expected.Definition, actual.Definition);
        Assert.Equal(expected.State, actual.State);
        Assert.Equal(expected.Attempts, actual.Attempts);
        Assert.Equal(expected.Worker, actual.Worker);
        Assert.Equal(expected.Epochs, actual.Epochs);
        Assert.Equal(expected.CheckpointReference, actual.CheckpointReference);
        Assert.Equal(expected.CheckpointEpoch, actual.CheckpointEpoch);
        Assert.Equal(expected.ResumedFromEpoch, actual.ResumedFromEpoch);
        Assert.Equal(expected.Accuracy, actual.Accuracy);
        Assert.Equal(expected.Curve, actual.Curve);
        Assert.Equal(expected.Error, actual.Error);
        Assert.Equal(expected.StartedAt, actual.StartedAt);
        Assert.Equal(expected.FinishedAt, actual.FinishedAt);
        Hessian(expected.Hessian, actual.Hessian);
        Assert.Equal(expected.CheckpointStep, actual.CheckpointStep);
        Assert.Equal(expected.ResumedFromStep, actual.ResumedFromStep);
        Assert.Equal(expected.HandedBackAttempt, actual.HandedBackAttempt);
    }

    private static void Hessian(HessianFreeEstimate? expected, HessianFreeEstimate? actual)
    {
        if (expected is null)
        {
            Assert.Null(actual);
            return;
        }

        Assert.NotNull(actual);
        Assert.Equal(expected.LearningRate, actual.LearningRate);
        Assert.Equal(expected.Layers, actual.Layers);
        Assert.Equal(expected.IterationsUsed, actual.IterationsUsed);
        Assert.Equal(expected.IterationsSkipped, actual.IterationsSkipped);
        Assert.Equal(expected.Window, actual.Window);
        Assert.Equal(expected.Diverged, actual.Diverged);
        Assert.Equal(expected.Series.Count, actual.Series.Count);
        foreach (var (e, a) in expected.Series.Zip(actual.Series))
        {
            Assert.Equal((e.Iteration, e.Loss, e.LearningRate, e.SmoothedLearningRate), (a.Iteration, a.Loss, a.LearningRate, a.SmoothedLearningRate));
            Assert.Equal(e.LayerLearningRates, a.LayerLearningRates);
        }
    }
}
