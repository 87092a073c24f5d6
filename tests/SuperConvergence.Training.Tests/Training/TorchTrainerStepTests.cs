using SuperConvergence.Core.Schedules;
using SuperConvergence.Core.Trials;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Training;
using static TorchSharp.torch;

namespace SuperConvergence.Training.Tests.Training;

/// <summary>What live views learn of a trial between epochs: every optimizer step, with the settings it used.</summary>
public sealed class TorchTrainerStepTests
{
    [Fact]
    public async Task The_observer_hears_every_step_once_in_order_with_the_lr_and_momentum_of_the_trial_s_1cycle()
    {
        var trainer = new TorchTrainer(new DatasetStore(Path.GetTempPath()), CPU, new TorchTrainerOptions(WidthMultiplier: 0.5));
        var config = new TrialConfig("synthetic", "mlp", MaxLr: 0.2, DivFactor: 25, FinalDivFactor: 1e4, WeightDecay: 5e-4, BatchSize: 64,
            CycleEpochs: 2, BaseMomentum: 0.85, MaxMomentum: 0.95, Seed: 5, TrainImages: 384);
        var observer = new StepObserver();

        var outcome = await trainer.TrainAsync(config, null, observer, TestContext.Current.CancellationToken);

        Assert.Equal(TrialEnd.Completed, outcome.Status);
        var steps = observer.Steps;
        const int perEpoch = 384 / 64;
        Assert.Equal(Enumerable.Range(1, 2 * perEpoch).Select(i => (long)i), steps.Select(s => s.StepsTaken));
        Assert.All(steps, s => Assert.Equal(2 * perEpoch, s.CycleSteps));
        Assert.Equal([.. Enumerable.Repeat(1, perEpoch), .. Enumerable.Repeat(2, perEpoch)], steps.Select(s => s.Epoch));
        var schedule = new OneCycleSchedule(new OneCycleOptions(0.2, 2 * perEpoch, DivFactor: 25, FinalDivFactor: 1e4, BaseMomentum: 0.85, MaxMomentum: 0.95));
        Assert.All(steps, s =>
        {
            var planned = schedule.At((int)s.StepsTaken - 1);
            Assert.Equal(planned.LearningRate, s.LearningRate, 1e-12);
            Assert.Equal(planned.Momentum, s.Momentum, 1e-12);
        });
        Assert.Equal(outcome.Last!.LearningRate, steps[^1].LearningRate, 1e-12);
        // Each epoch's report comes after its last step.
        Assert.Equal([perEpoch, 2 * perEpoch], observer.StepsAtEpochEnds);
    }

    /// <summary>Called on the training thread; read once the run has returned.</summary>
    private sealed class StepObserver : ITrainingObserver
    {
        public List<TrainingStep> Steps { get; } = [];

        public List<long> StepsAtEpochEnds { get; } = [];

        public void OnStep(in TrainingStep step) => Steps.Add(step);

        public ValueTask OnEpochCompletedAsync(EpochMetrics metrics, TrainingCheckpoint checkpoint, CancellationToken cancellationToken)
        {
            StepsAtEpochEnds.Add(Steps.Count);
            return ValueTask.CompletedTask;
        }
    }
}
