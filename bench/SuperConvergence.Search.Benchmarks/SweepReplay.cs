using System.Diagnostics;
using SuperConvergence.Core.Search;
using SuperConvergence.Core.Trials;
using SuperConvergence.Core.Trials.Tabular;

namespace SuperConvergence.Search.Benchmarks;

/// <summary>
/// One sweep of a strategy over the table, coordinated as the sweep grain does it but in virtual time: a number of
/// slots, a trial occupying its slot for its cycle length in epochs and a range test for the epochs' worth of images
/// it trained on, results observed in finishing order and free slots offered to the strategy again at once.
/// The grains add persistence and distribution, not decisions; a test runs one of these sweeps through the real
/// cluster and checks it reports the same best configuration.
/// </summary>
internal sealed class SweepReplay(ISearchStrategy strategy, TabularTrainer trainer, int slots)
{
    /// <summary>Epochs of training charged to trials (their whole cycles, diverged ones included).</summary>
    public int TrainingEpochs { get; private set; }

    /// <summary>The range tests' cost in epochs: the images they trained on over the training set's size.</summary>
    public double RangeTestEpochs { get; private set; }

    public int Trials { get; private set; }

    public int RangeTests { get; private set; }

    /// <summary>The training trial with the highest final accuracy, as <c>sc sweep best</c> ranks them (earliest on a tie).</summary>
    public (TrialConfig Config, double Accuracy)? Best { get; private set; }

    public async Task RunAsync()
    {
        var running = new PriorityQueue<TrialResult, (double FinishesAt, int Order)>();
        var now = 0.0;
        var order = 0;
        var trainImages = trainer.Index.Table.TrainImages;
        while (true)
        {
            foreach (var proposal in strategy.Propose(slots - running.Count))
            {
                var id = $"trial-{order}";
                TrialResult result;
                double duration;
                if (proposal is RangeTestProposal { Config: var rangeTest })
                {
                    var curve = await trainer.RangeTestAsync(rangeTest, null, CancellationToken.None);
                    duration = (double)curve.Points.Count * rangeTest.BatchSize / trainImages;
                    RangeTestEpochs += duration;
                    RangeTests++;
                    result = TrialResult.OfRangeTest(id, proposal, curve);
                }
                else if (proposal is TrainingProposal { Config: var config })
                {
                    var outcome = await trainer.TrainAsync(config, null, NoObserver.Instance, CancellationToken.None);
                    duration = config.CycleEpochs;
                    TrainingEpochs += config.CycleEpochs;
                    Trials++;
                    result = TrialResult.OfTraining(id, proposal, outcome);
                    if (result is { End: TrialEnd.Completed, Accuracy: { } accuracy } && (Best is null || accuracy > Best.Value.Accuracy))
                    {
                        Best = (config, accuracy);
                    }
                }
                else
                {
                    throw new UnreachableException($"a trial proposal of unknown kind {proposal.Kind}");
                }

                running.Enqueue(result, (now + duration, order++));
            }

            if (!running.TryDequeue(out var finished, out var at))
            {
                if (!strategy.IsFinished)
                {
                    throw new InvalidOperationException("The strategy proposes nothing, waits for nothing, and is not finished.");
                }

                return;
            }

            now = at.FinishesAt;
            strategy.Observe(finished);
        }
    }

    private sealed class NoObserver : ITrainingObserver
    {
        public static readonly NoObserver Instance = new();

        public ValueTask OnEpochCompletedAsync(EpochMetrics metrics, TrainingCheckpoint checkpoint, CancellationToken cancellationToken) =>
            ValueTask.CompletedTask;
    }
}
