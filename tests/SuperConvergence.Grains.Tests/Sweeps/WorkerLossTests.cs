using SuperConvergence.Abstractions.Grains;
using SuperConvergence.Abstractions.Sweeps;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Core.Search;
using SuperConvergence.Core.Trials;
using SuperConvergence.Core.Trials.Simulated;
using SuperConvergence.Grains.Hosting;
using SuperConvergence.Grains.Tests.Doubles;

namespace SuperConvergence.Grains.Tests.Sweeps;

/// <summary>A worker silo killed mid-trial, with the real strategy, spec parser and simulated trainer.</summary>
public sealed class WorkerLossTests
{
    private const string Spec = """
        name: worker-loss
        dataset: synthetic
        model: simulated
        trainer: simulated
        searchSpace:
          maxLr: {min: 0.05, max: 1}
          weightDecay: [5e-4]
          batchSize: [128]
          cycleEpochs: [4]
        rangeTest: {iterations: 100, startLr: 1e-5, endLr: 10, seeds: 1}
        strategy: grid
        budget: {trialEpochs: 4, maxTrials: 1}
        maxConcurrentTrials: 1
        seed: 5
        """;

    [Fact]
    public async Task A_trial_whose_worker_silo_dies_resumes_from_its_checkpoint_on_the_other_worker_and_records_each_epoch_once()
    {
        var trainers = new HeldSimulatedTrainers(holdAfterEpoch: 2);
        var checkpoints = new InMemoryCheckpointStore();
        await using var cluster = await SweepTestCluster.StartAsync(
            trainers, new SearchStrategyFactory(), new SweepSpecTextParser(), checkpoints, silos: 1, slotsPerSilo: 1, withWorkers: false, workerOnlySilos: 2);
        var cancellation = TestContext.Current.CancellationToken;

        await cluster.Sweep("loss").Start(Spec);
        var config = await trainers.Reached.WaitAsync(cancellation);
        var trialId = (await cluster.Sweep("loss").GetStatus(0, 10)).Trials.Single().TrialId;
        await checkpoints.RecordedAsync(trialId, 2).WaitAsync(cancellation);
        var trial = cluster.Client.GetGrain<ITrialGrain>(trialId);
        var firstWorker = (await trial.Get()).Worker!;
        var killed = cluster.SiloOf(firstWorker);

        await cluster.Cluster.KillSiloAsync(killed, cancellation);
        var status = await cluster.WaitForAsync("loss", s => s.State == SweepState.Completed);

        var view = await trial.Get();
        Assert.Equal(TrialState.Completed, view.State);
        Assert.Equal(2, view.Attempts);
        Assert.Equal(2, view.ResumedFromEpoch);
        Assert.NotEqual(killed.Name, cluster.SiloOf(view.Worker!).Name);
        Assert.Equal([1, 2, 3, 4], view.Epochs.Select(e => e.Epoch));
        Assert.Equal([(config, (int?)null), (config, 2)], trainers.Runs);
        Assert.Equal(1, status.Counts[TrialState.Completed]);

        // Resumed from its checkpoint, the trial ends exactly where the uninterrupted run does.
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
