using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Core.Trials;

namespace SuperConvergence.Grains.Tests.Trials;

public sealed class TrialStateTests
{
    [Fact]
    public void Each_way_a_trial_ends_has_its_own_final_state_and_comes_back_from_it()
    {
        var states = Enum.GetValues<TrialEnd>().Select(end => end.ToState()).ToList();

        Assert.All(states, state => Assert.True(state.IsFinal()));
        Assert.Equal(states.Count, states.Distinct().Count());
        Assert.Equal(Enum.GetValues<TrialEnd>(), states.Select(state => state.ToEnd()));
        Assert.Equal(Enum.GetValues<TrialState>().Where(s => s.IsFinal()).Order(), states.Order());
    }

    [Theory]
    [InlineData(TrialState.Pending)]
    [InlineData(TrialState.Running)]
    public void A_trial_that_has_not_ended_has_no_end(TrialState state) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => state.ToEnd());
}
