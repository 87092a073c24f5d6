using SuperConvergence.Abstractions.Sweeps;
using SuperConvergence.Core.Search;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials;
using SuperConvergence.Core.Trials.Tabular;
using SuperConvergence.Grains.Hosting;
using SuperConvergence.Grains.Tests.Doubles;

namespace SuperConvergence.Grains.Tests.Sweeps;

/// <summary>
/// The tabular trainer through the grains: a sweep replaying the committed small table runs to completion, every trial
/// gets its recorded metrics, and with one slot the cluster makes exactly the decisions the strategy makes when driven
/// directly — so a benchmark that drives strategies over the table measures what the cluster would do.
/// </summary>
public sealed class TabularSweepTests
{
    private static readonly string Table = FindTable();

    private static string Spec(string strategy) => $$"""
        name: tabular-{{strategy}}
        dataset: fashion-mnist
        model: mlp
        trainer: {kind: tabular, table: '{{Table}}'}
        searchSpace:
          maxLr: {min: 0.01, max: 1}
          weightDecay: [1e-4, 1e-2]
          batchSize: [64]
          cycleEpochs: [1, 2]
        rangeTest: {iterations: 200, startLr: 1e-5, endLr: 10, seeds: 2}
        strategy: {{strategy}}
        budget: {trialEpochs: 14, maxTrials: 10}
        maxConcurrentTrials: 1
        seed: 11
        """;

    [Theory]
    [InlineData("adaptive")]
    [InlineData("tpe")]
    public async Task With_one_slot_the_cluster_replays_the_table_exactly_as_the_strategy_driven_directly(string strategy)
    {
        var tables = new TrialTableCache();
        var parser = new SweepSpecTextParser();
        await using var cluster = await SweepTestCluster.StartAsync(
            new TabularTrainers(tables), new SearchStrategyFactory(), parser, new InMemoryCheckpointStore(), silos: 1, slotsPerSilo: 1);

        await cluster.Sweep(strategy).Start(Spec(strategy));
        var status = await cluster.WaitForAsync(strategy, s => s.State is SweepState.Completed or SweepState.Failed);

        Assert.Equal(SweepState.Completed, status.State);
        var direct = await DriveDirectly(parser.Parse(Spec(strategy)), new TabularTrainer(tables.Get(Table)));
        var viaCluster = status.Trials.OrderBy(t => t.TrialId, StringComparer.Ordinal).Select(t => (Describe(t.Proposal), t.Accuracy)).ToList();
        Assert.Equal(direct, viaCluster);
        Assert.Contains(viaCluster, t => t.Accuracy is not null);
        if (strategy == "adaptive")
        {
            Assert.Equal(4, status.Trials.Count(t => t.Kind == TrialKind.RangeTest));
        }
    }

    private static async Task<List<(string, double?)>> DriveDirectly(SweepSpec spec, TabularTrainer trainer)
    {
        var search = new SearchStrategyFactory().Create(spec, null);
        var trials = new List<(string, double?)>();
        while (search.Propose(1) is [var proposal])
        {
            var result = proposal is RangeTestProposal { Config: var rangeTest }
                ? TrialResult.OfRangeTest($"t{trials.Count}", proposal, await trainer.RangeTestAsync(rangeTest, null, CancellationToken.None))
                : TrialResult.OfTraining($"t{trials.Count}", proposal, await trainer.TrainAsync(Assert.IsType<TrainingProposal>(proposal).Config, null, new Ignore(), CancellationToken.None));
            trials.Add((Describe(proposal), result.Accuracy));
            search.Observe(result);
        }

        Assert.True(search.IsFinished);
        return trials;
    }

    private static string Describe(TrialProposal proposal) => proposal switch
    {
        TrainingProposal { Config: var train } => $"train lr={train.MaxLr:R} wd={train.WeightDecay:R} bs={train.BatchSize} cycle={train.CycleEpochs} seed={train.Seed}",
        RangeTestProposal { Config: var rangeTest } => $"rangetest wd={rangeTest.WeightDecay:R} bs={rangeTest.BatchSize} seed={rangeTest.Seed}",
        _ => throw new ArgumentOutOfRangeException(nameof(proposal), proposal, "not a kind of trial proposal"),
    };

    private static string FindTable()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SuperConvergence.sln")))
            {
                return Path.Combine(directory.FullName, "tests", "SuperConvergence.Core.Tests", "Trials", "Tabular", "small-table.json");
            }
        }

        throw new InvalidOperationException("No SuperConvergence.sln above the test binaries.");
    }

    private sealed class TabularTrainers(TrialTableCache tables) : ITrainerProvider
    {
        public ITrainer Get(TrainerSpec spec) => new TabularTrainer(tables.Get(spec.Table!), TabularTrainerOptions.For(spec));
    }

    private sealed class Ignore : ITrainingObserver
    {
        public ValueTask OnEpochCompletedAsync(EpochMetrics metrics, TrainingCheckpoint checkpoint, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
