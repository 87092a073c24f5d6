using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Core.Search;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Grains.Sweeps;
using SuperConvergence.Grains.Trials;
using SuperConvergence.Silo.Tests.Support;

namespace SuperConvergence.Silo.Tests.Persistence.StoredState;

/// <summary>
/// State written by today's types reads back through the grain storage serializer as the stores use it: the fixture
/// tests cover bytes stored before trial proposals were a hierarchy; these cover bytes stored since, where a training
/// or range-test proposal sits in a field declared <see cref="TrialProposal"/> and is written with its own type.
/// </summary>
public sealed class NewlyStoredStateTests : IDisposable
{
    private readonly ServiceProvider _services = SiloSerializer.Services();

    private IGrainStorageSerializer Storage => new OrleansGrainStorageSerializer(_services.GetRequiredService<Serializer>());

    public static TheoryData<int> Samples => [.. Enumerable.Range(0, StoredStateSamples.All.Count)];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_sample_written_now_reads_back_unchanged(int sample)
    {
        var expected = StoredStateSamples.All[sample].State;

        StoredStateAssertions.Equal(expected, RoundTrip(expected));
    }

    [Fact]
    public void A_trial_keeps_the_kind_of_its_proposal()
    {
        foreach (var proposal in new TrialProposal[] { StoredStateSamples.TrainingProposal, StoredStateSamples.RangeTestProposal })
        {
            var state = new TrialGrainState { Definition = new TrialDefinition("s", proposal, TrainerKind.Simulated, 0) };

            var read = RoundTrip(state).Definition!.Proposal;

            Assert.IsType(proposal.GetType(), read);
            Assert.Equal(proposal, read);
        }
    }

    [Fact]
    public void A_sweep_keeps_the_kind_of_every_active_proposal()
    {
        var state = new SweepGrainState
        {
            Active = new() { ["t-1"] = StoredStateSamples.TrainingProposal, ["t-2"] = StoredStateSamples.RangeTestProposal },
        };

        var read = RoundTrip(state).Active;

        Assert.IsType<TrainingProposal>(read["t-1"]);
        Assert.IsType<RangeTestProposal>(read["t-2"]);
        Assert.Equal(state.Active, read);
    }

    public void Dispose() => _services.Dispose();

    private T RoundTrip<T>(T state) => Storage.Deserialize<T>(Storage.Serialize(state))!;
}
