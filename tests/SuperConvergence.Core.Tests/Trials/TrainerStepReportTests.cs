using SuperConvergence.Core.Schedules;
using SuperConvergence.Core.Trials;
using SuperConvergence.Core.Trials.Simulated;

namespace SuperConvergence.Core.Tests.Trials;

/// <summary>Trainers without steps of their own still place live views in the cycle: once per epoch, at its end.</summary>
public sealed class TrainerStepReportTests
{
    private static readonly TrialConfig Config = new("synthetic", "simulated", 0.8, 25, 1e4, 5e-4, 128, 4, 0.85, 0.95, 3);

    [Fact]
    public async Task The_simulated_trainer_reports_the_1cycle_s_position_at_each_epoch_s_end_before_the_epoch()
    {
        var observer = new StepObserver();

        var outcome = await new SimulatedTrainer().TrainAsync(Config, null, observer, TestContext.Current.CancellationToken);

        Assert.Equal(TrialEnd.Completed, outcome.Status);
        Assert.Equal([1, 2, 3, 4], observer.Steps.Select(s => s.Epoch));
        var cycleSteps = observer.Steps[0].CycleSteps;
        Assert.All(observer.Steps, s => Assert.Equal(cycleSteps, s.CycleSteps));
        Assert.Equal(Enumerable.Range(1, 4).Select(e => e * cycleSteps / 4), observer.Steps.Select(s => s.StepsTaken));
        var schedule = new OneCycleSchedule(new OneCycleOptions(0.8, (int)cycleSteps, DivFactor: 25, FinalDivFactor: 1e4, BaseMomentum: 0.85, MaxMomentum: 0.95));
        Assert.All(observer.Steps, s => Assert.Equal(schedule.At((int)s.StepsTaken - 1), new ScheduleValue(s.LearningRate, s.Momentum)));
        Assert.Equal(outcome.Epochs.Select(e => e.LearningRate), observer.Steps.Select(s => s.LearningRate));
        Assert.Equal([1, 2, 3, 4], observer.StepsBeforeEpochs);
    }

    private sealed class StepObserver : ITrainingObserver
    {
        public List<TrainingStep> Steps { get; } = [];

        public List<int> StepsBeforeEpochs { get; } = [];

        public void OnStep(in TrainingStep step) => Steps.Add(step);

        public ValueTask OnEpochCompletedAsync(EpochMetrics metrics, TrainingCheckpoint checkpoint, CancellationToken cancellationToken)
        {
            StepsBeforeEpochs.Add(Steps.Count);
            return ValueTask.CompletedTask;
        }
    }
}
