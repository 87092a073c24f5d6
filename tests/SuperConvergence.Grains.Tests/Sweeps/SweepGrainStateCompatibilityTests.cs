using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Grains.Sweeps;

namespace SuperConvergence.Grains.Tests.Sweeps;

/// <summary>
/// A coordinator state stored by the versions that kept finished counts keyed by wire name still loads, its counts
/// typed; a state stored now round-trips with them.
/// </summary>
public sealed class SweepGrainStateCompatibilityTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(serializer => serializer
            .AddAssembly(typeof(SweepGrainState).Assembly)
            .AddAssembly(typeof(SweepGrainStateCompatibilityTests).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Fact]
    public void Finished_counts_stored_by_wire_name_load_as_typed_counts()
    {
        var stored = Serializer.SerializeToArray(new SweepGrainStateWithNamedCounts
        {
            SpecText = "{}",
            FinishedCounts = new() { ["completed"] = 3, ["failed"] = 1, ["cancelled"] = 2 },
            FirstFailure = "trial s-000002: boom",
        });

        var state = Assert.IsType<SweepGrainState>(Serializer.Deserialize<SweepGrainState>(stored));

        Assert.Equal(new Dictionary<TrialState, int> { [TrialState.Completed] = 3, [TrialState.Failed] = 1, [TrialState.Cancelled] = 2 }, state.FinishedCounts);
        Assert.Equal(("{}", "trial s-000002: boom"), (state.SpecText, state.FirstFailure));
    }

    [Fact]
    public void Typed_finished_counts_round_trip()
    {
        var state = new SweepGrainState { FinishedCounts = { [TrialState.Diverged] = 2, [TrialState.Completed] = 5 } };

        var loaded = Assert.IsType<SweepGrainState>(Serializer.Deserialize<SweepGrainState>(Serializer.SerializeToArray(state)));

        Assert.Equal(state.FinishedCounts, loaded.FinishedCounts);
        Assert.Null(loaded.FinishedCountsByWireName);
    }
}

/// <summary>The fields of <see cref="SweepGrainState"/> that the earlier versions stored, under the same ids.</summary>
[GenerateSerializer]
[Alias("sc.tests.SweepGrainStateWithNamedCounts")]
public sealed class SweepGrainStateWithNamedCounts
{
    [Id(0)] public string? SpecText { get; set; }
    [Id(8)] public Dictionary<string, int> FinishedCounts { get; set; } = [];
    [Id(12)] public string? FirstFailure { get; set; }
}
