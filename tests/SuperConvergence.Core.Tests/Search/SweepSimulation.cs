using SuperConvergence.Core.Search;
using SuperConvergence.Core.Trials;
using SuperConvergence.Core.Trials.Simulated;

namespace SuperConvergence.Core.Tests.Search;

/// <summary>
/// A tiny synchronous coordinator for tests: <paramref name="slots"/> workers in virtual time, a training trial
/// taking its cycle length and a range test a quarter epoch, results reported in finishing order (ties by start
/// order). <paramref name="reload"/>, when set, replaces the strategy after every call (e.g. save and restore), so
/// a test can check that a restored strategy behaves exactly like the one that never stopped.
/// </summary>
internal sealed class SweepSimulation(
    ISearchStrategy strategy,
    ITrainer trainer,
    int slots,
    Func<ISearchStrategy, ISearchStrategy>? reload = null,
    Func<int, int>? capacityAt = null)
{
    private const double RangeTestDuration = 0.25;

    public List<TrialProposal> Proposals { get; } = [];

    public List<TrialResult> Results { get; } = [];

    /// <summary>For each result, how many proposals had been made when the strategy observed it.</summary>
    private List<int> ProposalsWhenObserved { get; } = [];

    public ISearchStrategy Strategy { get; private set; } = strategy;

    public async Task<SweepSimulation> RunAsync(int maxCalls = 100_000)
    {
        var running = new PriorityQueue<TrialResult, (double FinishesAt, int Order)>();
        var now = 0.0;
        for (var call = 0; call < maxCalls; call++)
        {
            var free = slots - running.Count;
            var capacity = capacityAt?.Invoke(call) is { } limit ? Math.Min(limit, free) : free;
            var proposals = Strategy.Propose(capacity);
            Assert.True(proposals.Count <= capacity, $"Proposed {proposals.Count} trials for {capacity} free slots.");
            Reload();
            foreach (var proposal in proposals)
            {
                var order = Proposals.Count;
                Proposals.Add(proposal);
                var result = await RunTrialAsync(proposal, $"trial-{order}");
                var duration = proposal is TrainingProposal { Config.CycleEpochs: var cycle } ? cycle : RangeTestDuration;
                running.Enqueue(result, (now + duration, order));
            }

            if (running.Count == 0)
            {
                if (proposals.Count > 0 || capacity < free)
                {
                    continue; // asked for too little this call; ask again
                }

                Assert.True(Strategy.IsFinished, "The strategy proposes nothing, waits for nothing, and says it is not finished.");
                return this;
            }

            if (proposals.Count == 0 || running.Count == slots)
            {
                running.TryDequeue(out var finished, out var at);
                now = at.FinishesAt;
                Results.Add(finished!);
                ProposalsWhenObserved.Add(Proposals.Count);
                Strategy.Observe(finished!);
                Reload();
            }
        }

        throw new InvalidOperationException($"The sweep did not end within {maxCalls} calls.");
    }

    public IEnumerable<TrialResult> Training => Results.Where(result => result.Proposal.Kind == TrialKind.Train);

    public double BestAccuracy => Training.Where(result => result.End == TrialEnd.Completed).Max(result => result.Accuracy!.Value);

    /// <summary>The results the strategy had observed when it made proposal <paramref name="proposalIndex"/>.</summary>
    public IEnumerable<TrialResult> ObservedBefore(int proposalIndex) =>
        Results.Where((_, index) => ProposalsWhenObserved[index] <= proposalIndex);

    private void Reload()
    {
        if (reload is not null)
        {
            Strategy = reload(Strategy);
        }
    }

    private async Task<TrialResult> RunTrialAsync(TrialProposal proposal, string trialId)
    {
        try
        {
            return proposal is RangeTestProposal { Config: var rangeTest }
                ? TrialResult.OfRangeTest(trialId, proposal, await trainer.RangeTestAsync(rangeTest, null, CancellationToken.None))
                : TrialResult.OfTraining(trialId, proposal, await trainer.TrainAsync(Assert.IsType<TrainingProposal>(proposal).Config, null, NoObserver.Instance, CancellationToken.None));
        }
        catch (SimulatedTrainerFailureException)
        {
            return new TrialResult(trialId, proposal, TrialEnd.Failed, null, null, 0);
        }
    }

    private sealed class NoObserver : ITrainingObserver
    {
        public static readonly NoObserver Instance = new();

        public ValueTask OnEpochCompletedAsync(EpochMetrics metrics, TrainingCheckpoint checkpoint, CancellationToken cancellationToken) =>
            ValueTask.CompletedTask;
    }
}
