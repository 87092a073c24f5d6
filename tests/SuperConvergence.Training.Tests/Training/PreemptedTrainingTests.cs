using SuperConvergence.Core.Trials;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Training;
using static TorchSharp.torch;

namespace SuperConvergence.Training.Tests.Training;

/// <summary>
/// The real trainer's side of a worker's SIGTERM: a run preempted inside an epoch stops before its next step with a
/// checkpoint of that step; a fresh trainer resumed from it takes each remaining step once and ends with the weights
/// and metrics of the uninterrupted run of the same seed. A tiny MLP on the in-memory synthetic set: 8 steps an epoch.
/// </summary>
public sealed class PreemptedTrainingTests
{
    private static readonly TrainingPlan Plan = TrainingFixtures.SyntheticPlan(TestSchedules.OneCycle(0.2), epochs: 2, model: "mlp", seed: 3);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_run_preempted_at_step_3_of_epoch_2_resumes_in_a_fresh_trainer_to_the_uninterrupted_result_repeating_no_step()
    {
        var uninterrupted = new StepRecorder();
        var full = await Runner().RunAsync(Plan, null, uninterrupted, Token);
        var stepsPerEpoch = uninterrupted.Steps.Count / 2;
        Assert.Equal(8, stepsPerEpoch);

        // Preemption arrives during step 3 of epoch 2 (global step 10): that step finishes, step 11 never starts.
        var first = new StepRecorder(preemptAfterStep: stepsPerEpoch + 2);
        var preempted = await Assert.ThrowsAsync<TrainingPreemptedException>(() => Runner().RunAsync(Plan, null, first, Token));
        Assert.Equal((1, 3), (preempted.Checkpoint.Epoch, preempted.Checkpoint.StepInEpoch));
        Assert.Equal(3, BitConverter.ToInt32(preempted.Checkpoint.State, 4)); // the mid-epoch envelope version

        var second = new StepRecorder();
        var resumed = await Runner().RunAsync(Plan, preempted.Checkpoint.State, second, Token);

        Assert.Equal(Enumerable.Range(0, 2 * stepsPerEpoch), first.Steps.Concat(second.Steps));
        Assert.Equal(TrialEnd.Completed, resumed.Status);
        var (expected, actual) = (Assert.Single(full.Epochs, e => e.Epoch == 2), Assert.Single(resumed.Epochs));
        Assert.Equal(expected.TrainLoss, actual.TrainLoss, 1e-5);
        Assert.Equal(expected.TestLoss, actual.TestLoss, 1e-5);
        Assert.Equal(expected.TestAccuracy, actual.TestAccuracy, 1e-9);
        Assert.Equal(expected.LearningRate, actual.LearningRate, 1e-12);
        AssertSameWeights(uninterrupted.Checkpoints[^1], second.Checkpoints[^1]);
    }

    [Fact]
    public async Task Preemption_between_epochs_checkpoints_the_epoch_boundary_in_the_epoch_end_format()
    {
        var full = await Runner().RunAsync(Plan, null, TrainingCallbacks.None, Token);
        var first = new StepRecorder(preemptAfterEpoch: 1);

        var preempted = await Assert.ThrowsAsync<TrainingPreemptedException>(() => Runner().RunAsync(Plan, null, first, Token));
        Assert.Equal((1, 0), (preempted.Checkpoint.Epoch, preempted.Checkpoint.StepInEpoch));
        Assert.Equal(2, BitConverter.ToInt32(preempted.Checkpoint.State, 4));
        Assert.Equal(first.Checkpoints[0].State, preempted.Checkpoint.State);

        var resumed = await Runner().RunAsync(Plan, preempted.Checkpoint.State, TrainingCallbacks.None, Token);
        Assert.Equal(full.Epochs[1].TestLoss, Assert.Single(resumed.Epochs).TestLoss, 1e-5);
    }

    private static TrainingRunner Runner() => new(new DatasetStore(Path.GetTempPath()), CPU);

    private static void AssertSameWeights(TrainingCheckpoint expected, TrainingCheckpoint actual)
    {
        var (definition, data) = new DatasetStore(Path.GetTempPath()).Prepare(Plan.Dataset, Plan.Selection);
        using var one = TrainingSession.Create(Plan, definition, data, CPU);
        using var other = TrainingSession.Create(Plan, definition, data, CPU);
        one.RestoreCheckpoint(expected.State);
        other.RestoreCheckpoint(actual.State);
        var (left, right) = (one.ParameterValues(), other.ParameterValues());
        Assert.Equal(left.Select(p => p.Name), right.Select(p => p.Name));
        foreach (var ((name, values), (_, again)) in left.Zip(right))
        {
            Assert.True(values.Zip(again).All(pair => Math.Abs(pair.First - pair.Second) <= 1e-6f), $"parameter {name} differs");
        }
    }

    /// <summary>Records every step taken and each epoch's checkpoint; asks for preemption after a given step or epoch.</summary>
    private sealed class StepRecorder(int? preemptAfterStep = null, int? preemptAfterEpoch = null) : TrainingCallbacks, IDisposable
    {
        private readonly CancellationTokenSource _preemption = new();

        public List<int> Steps { get; } = [];

        public List<TrainingCheckpoint> Checkpoints { get; } = [];

        public override bool WantsCheckpoints => true;

        public override CancellationToken Preemption => _preemption.Token;

        public override void OnIteration(in IterationMetrics metrics)
        {
            Steps.Add(metrics.Step);
            if (metrics.Step == preemptAfterStep)
            {
                _preemption.Cancel();
            }
        }

        public override ValueTask OnEpochCompletedAsync(EpochMetrics metrics, TrainingCheckpoint? checkpoint, CancellationToken cancellationToken)
        {
            Checkpoints.Add(checkpoint!);
            if (metrics.Epoch == preemptAfterEpoch)
            {
                _preemption.Cancel();
            }

            return ValueTask.CompletedTask;
        }

        public void Dispose() => _preemption.Dispose();
    }
}
