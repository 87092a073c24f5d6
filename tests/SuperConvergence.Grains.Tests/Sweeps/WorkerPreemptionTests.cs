using SuperConvergence.Abstractions.Grains;
using SuperConvergence.Abstractions.Sweeps;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Core.Search;
using SuperConvergence.Core.Trials;
using SuperConvergence.Core.Trials.Simulated;
using SuperConvergence.Grains.Hosting;
using SuperConvergence.Grains.Tests.Doubles;

namespace SuperConvergence.Grains.Tests.Sweeps;

/// <summary>
/// A worker silo stopped gracefully (what SIGTERM does) mid-epoch: its running trial stops at the next step, hands
/// itself back with a checkpoint of that step and resumes on the other worker from it, to the uninterrupted result.
/// </summary>
public sealed class WorkerPreemptionTests
{
    private const string Spec = """
        name: worker-preemption
        dataset: synthetic
        model: simulated
        trainer: {kind: simulated, epochSeconds: 1}
        searchSpace:
          maxLr: {min: 0.05, max: 1}
          weightDecay: [5e-4]
          batchSize: [128]
          cycleEpochs: [3]
        strategy: grid
        budget: {trialEpochs: 3, maxTrials: 1}
        maxConcurrentTrials: 1
        seed: 5
        """;

    [Fact]
    public async Task A_trial_whose_worker_silo_stops_mid_epoch_resumes_from_that_step_on_the_other_worker_and_records_each_epoch_once()
    {
        var trainers = new HeldSimulatedTrainers();
        var checkpoints = new InMemoryCheckpointStore();
        await using var cluster = await SweepTestCluster.StartAsync(
            trainers, new SearchStrategyFactory(), new SweepSpecTextParser(), checkpoints, silos: 1, slotsPerSilo: 1, withWorkers: false, workerOnlySilos: 2);
        var cancellation = TestContext.Current.CancellationToken;

        await cluster.Sweep("preempt").Start(Spec);
        var trialId = (await cluster.WaitForAsync("preempt", s => s.Trials.Count == 1)).Trials.Single().TrialId;
        await checkpoints.RecordedAsync(trialId, 1).WaitAsync(cancellation);
        var trial = cluster.Client.GetGrain<ITrialGrain>(trialId);
        var firstWorker = (await trial.Get()).Worker!;
        var stopped = cluster.SiloOf(firstWorker);

        // Epoch 1's checkpoint was just recorded: the trial is inside epoch 2 when its silo is told to stop.
        await cluster.Cluster.StopSiloAsync(stopped, cancellation);
        var status = await cluster.WaitForAsync("preempt", s => s.State == SweepState.Completed);

        var view = await trial.Get();
        Assert.Equal(TrialState.Completed, view.State);
        Assert.Equal(2, view.Attempts);
        Assert.Equal(1, view.ResumedFromEpoch);
        Assert.InRange(view.ResumedFromStep ?? 0, 1, SimulatedTrainer.StepsPerEpoch - 1);
        Assert.Equal([0, view.ResumedFromStep!.Value], trainers.ResumedSteps);
        Assert.NotEqual(stopped.Name, cluster.SiloOf(view.Worker!).Name);
        Assert.Equal([1, 2, 3], view.Epochs.Select(e => e.Epoch));
        Assert.Equal(1, status.Counts[TrialState.Completed]);

        var config = trainers.Runs.First().Config;
        var uninterrupted = await new SimulatedTrainer().TrainAsync(config, null, NoObserver.Instance, cancellation);
        Assert.Equal(uninterrupted.Epochs.Select(e => e.TestAccuracy), view.Epochs.Select(e => e.TestAccuracy));
        Assert.Equal(uninterrupted.Last!.TestAccuracy, view.Accuracy);
    }

    private sealed class NoObserver : ITrainingObserver
    {
        public static readonly NoObserver Instance = new();

        public ValueTask OnEpochCompletedAsync(EpochMetrics metrics, TrainingCheckpoint checkpoint, CancellationToken cancellationToken) =>
            ValueTask.CompletedTask;
    }
}
