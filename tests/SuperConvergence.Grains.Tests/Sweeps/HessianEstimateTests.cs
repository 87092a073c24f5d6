using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using SuperConvergence.Abstractions.Grains;
using SuperConvergence.Abstractions.Sweeps;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Core.RangeTests;
using SuperConvergence.Core.Search;
using SuperConvergence.Grains.Tests.Doubles;
using SuperConvergence.Grains.Trials;

namespace SuperConvergence.Grains.Tests.Sweeps;

/// <summary>A spec's rangeTest.hessian reaches the trainer, and the estimate comes back in the trial's view and state.</summary>
public sealed class HessianEstimateTests
{
    private readonly ScriptedTrainer _trainer = new();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_range_test_carries_the_hessian_free_estimate_into_its_view_only_when_the_spec_asks(bool hessian)
    {
        await using var cluster = await SweepTestCluster.StartAsync(_trainer, new ListStrategyFactory(), new JsonSpecParser(), new InMemoryCheckpointStore());
        var spec = SpecBuilder.Small(rangeTestSeeds: 1, maxConcurrent: 2, weightDecay: [1e-4]);
        await cluster.Sweep("h1").Start(JsonSpecParser.Write(spec with { RangeTest = spec.RangeTest with { Hessian = hessian } }));

        var status = await cluster.WaitForAsync("h1", s => s.State == SweepState.Completed);

        var rangeTest = Assert.Single(status.Trials, t => t.Kind == TrialKind.RangeTest);
        var config = Assert.IsType<RangeTestProposal>(rangeTest.Proposal).Config;
        Assert.Equal(hessian, config.Hessian);
        // Read through the gateway: the view and its estimate crossed the wire.
        var view = await cluster.Client.GetGrain<ITrialGrain>(rangeTest.TrialId).Get();
        Assert.Equal(hessian ? Describe(ScriptedTrainer.HessianEstimateFor(config)) : null, view.Hessian is null ? null : Describe(view.Hessian));
        foreach (var training in status.Trials.Where(t => t.Kind == TrialKind.Train))
        {
            Assert.Null((await cluster.Client.GetGrain<ITrialGrain>(training.TrialId).Get()).Hessian);
        }
    }

    [Fact]
    public async Task The_estimate_survives_the_trial_states_storage_format()
    {
        await using var cluster = await SweepTestCluster.StartAsync(_trainer, new ListStrategyFactory(), new JsonSpecParser(), new InMemoryCheckpointStore());
        var serializer = cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<Serializer>();
        var estimate = ScriptedTrainer.HessianEstimateFor(new("synthetic", "mlp", 1e-4, 10, 20, Core.Trials.RangeTestRamp.Exponential, 0, 32, 0.9, 3, Hessian: true));
        var state = new TrialGrainState { Hessian = estimate, Curve = [new RangeTestPoint(1e-4, 2.3)] };

        var read = serializer.Deserialize<TrialGrainState>(serializer.SerializeToArray(state));
        var completion = serializer.Deserialize<TrialCompletion>(serializer.SerializeToArray(new TrialCompletion(TrialState.Completed, null, [], null, estimate)));

        Assert.Equal(Describe(estimate), Describe(read!.Hessian!));
        Assert.Equal(Describe(estimate), Describe(completion!.Hessian!));
        Assert.Null(serializer.Deserialize<TrialGrainState>(serializer.SerializeToArray(new TrialGrainState()))!.Hessian);
    }

    /// <summary>Records compare their lists by reference; compare their JSON renderings instead.</summary>
    private static string Describe(HessianFreeEstimate estimate) => System.Text.Json.JsonSerializer.Serialize(estimate);
}
