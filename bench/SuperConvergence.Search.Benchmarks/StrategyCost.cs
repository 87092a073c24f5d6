using System.Diagnostics;
using SuperConvergence.Core.Search;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials;
using SuperConvergence.Core.Trials.Simulated;

namespace SuperConvergence.Search.Benchmarks;

/// <summary>
/// The strategies' own cost at scale: a sweep of many trials with the simulated trainer (results computed at once),
/// timing only the strategy's Propose and Observe calls, reported per window of trials so growth shows.
/// </summary>
internal static class StrategyCost
{
    public sealed record Window(int FromTrial, int ToTrial, double MicrosecondsPerTrial);

    public static async Task<IReadOnlyList<Window>> MeasureAsync(SweepSpec baseSpec, StrategyKind strategy, int trials, int windowSize)
    {
        var spec = baseSpec with
        {
            Name = "strategy-cost",
            Trainer = new TrainerSpec(TrainerKind.Simulated),
            Strategy = strategy,
            MaxConcurrentTrials = 16,
            Budget = new BudgetSpec(trials * baseSpec.SearchSpace.CycleEpochs.Max(), trials),
        };
        var search = new SearchStrategyFactory().Create(spec, null);
        var trainer = new SimulatedTrainer();
        var windows = new List<Window>();
        var clock = new Stopwatch();
        var running = new Queue<TrialResult>();
        var finished = 0;
        var windowStart = 0;
        var ids = 0;
        while (true)
        {
            clock.Start();
            var proposals = search.Propose(spec.MaxConcurrentTrials - running.Count);
            clock.Stop();
            foreach (var proposal in proposals)
            {
                running.Enqueue(await Run(trainer, proposal, $"t{ids++}"));
            }

            if (!running.TryDequeue(out var result))
            {
                break;
            }

            clock.Start();
            search.Observe(result);
            clock.Stop();
            if (result.Proposal.Kind == TrialKind.Train && ++finished - windowStart == windowSize)
            {
                windows.Add(new Window(windowStart + 1, finished, clock.Elapsed.TotalMicroseconds / windowSize));
                windowStart = finished;
                clock.Reset();
            }
        }

        return windows;
    }

    private static async Task<TrialResult> Run(SimulatedTrainer trainer, TrialProposal proposal, string id) => proposal switch
    {
        RangeTestProposal { Config: var rangeTest } => TrialResult.OfRangeTest(id, proposal, await trainer.RangeTestAsync(rangeTest, null, CancellationToken.None)),
        TrainingProposal { Config: var config } => TrialResult.OfTraining(id, proposal, await trainer.TrainAsync(config, null, Ignore.Instance, CancellationToken.None)),
        _ => throw new UnreachableException($"a trial proposal of unknown kind {proposal.Kind}"),
    };

    private sealed class Ignore : ITrainingObserver
    {
        public static readonly Ignore Instance = new();

        public ValueTask OnEpochCompletedAsync(EpochMetrics metrics, TrainingCheckpoint checkpoint, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
