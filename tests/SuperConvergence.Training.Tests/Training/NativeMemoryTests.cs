using SuperConvergence.Training.Data;
using SuperConvergence.Training.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperConvergence.Training.Tests.Training;

public sealed class NativeMemoryTests
{
    [Fact]
    public void Epochs_after_the_first_leave_no_native_tensors_behind()
    {
        // The session runs on this thread so the per-thread tensor statistics see all of its work.
        using var cache = TrainingFixtures.MiniatureCifarCache();
        var plan = new TrainingPlan("cifar10", "resnet-small", OptimizerSettings.Sgd(5e-4), TestSchedules.Constant(0.05), Epochs: 4, BatchSize: 32, Seed: 3, WidthMultiplier: 0.25);
        var (definition, data) = new DatasetStore(cache.Path).Prepare(plan.Dataset, plan.Selection);
        using var session = TrainingSession.Create(plan, definition, data, CPU);
        var statistics = DisposeScopeManager.Statistics.TensorStatistics;

        // The first epoch creates the optimiser's momentum buffers; from then on every epoch must be net zero.
        session.RunEpoch(TrainingCallbacks.None, TestContext.Current.CancellationToken);
        session.SaveCheckpoint();
        var afterFirst = statistics.ThreadTotalLiveCount;
        session.RunEpoch(TrainingCallbacks.None, TestContext.Current.CancellationToken);
        session.SaveCheckpoint();
        session.RunEpoch(TrainingCallbacks.None, TestContext.Current.CancellationToken);

        Assert.Equal(afterFirst, statistics.ThreadTotalLiveCount);
    }
}
