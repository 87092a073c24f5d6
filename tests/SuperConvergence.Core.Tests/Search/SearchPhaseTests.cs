using SuperConvergence.Core.Search;
using SuperConvergence.Core.Search.Adaptive;
using SuperConvergence.Core.Sweeps;

namespace SuperConvergence.Core.Tests.Search;

/// <summary>The phase enum keeps the names the phase had as a string: in status output and in saved strategy state.</summary>
public sealed class SearchPhaseTests
{
    [Theory]
    [InlineData(SearchPhase.RangeTests, "range-tests")]
    [InlineData(SearchPhase.Narrowing, "narrowing")]
    [InlineData(SearchPhase.Sampling, "sampling")]
    [InlineData(SearchPhase.Halving, "halving")]
    [InlineData(SearchPhase.Done, "done")]
    public void Each_phase_is_printed_and_saved_under_its_old_name(SearchPhase phase, string name)
    {
        Assert.Equal(name, phase.ToWire());
        var saved = StrategyStateJson.Write("test", 1, new AdaptiveState { Phase = phase });

        Assert.Contains($"\"phase\":\"{name}\"", saved, StringComparison.Ordinal);
        Assert.Equal(phase, StrategyStateJson.Read<AdaptiveState>(saved, "test", 1).Phase);
    }

    [Fact]
    public void An_adaptive_state_saved_with_the_phase_as_a_string_resumes_in_that_phase()
    {
        var spec = TestSpecs.Simulated(StrategyKind.Adaptive, seed: 4, 80, 30);
        var saved = new AdaptiveSearch(spec, null, null).SaveState();
        var narrowing = saved.Replace("\"phase\":\"range-tests\"", "\"phase\":\"narrowing\"", StringComparison.Ordinal);
        Assert.NotEqual(saved, narrowing);

        Assert.Equal(SearchPhase.Narrowing, new AdaptiveSearch(spec, narrowing, null).Progress.Phase);
    }
}
