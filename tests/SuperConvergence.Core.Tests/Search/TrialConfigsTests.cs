using SuperConvergence.Core.Search.Space;
using SuperConvergence.Core.Sweeps;

namespace SuperConvergence.Core.Tests.Search;

public sealed class TrialConfigsTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_range_test_asks_for_the_hessian_free_estimate_when_the_spec_does(bool hessian)
    {
        var simulated = TestSpecs.Simulated(StrategyKind.Grid);
        var spec = simulated with { RangeTest = simulated.RangeTest with { Hessian = hessian } };

        var config = new TrialConfigs(spec).RangeTest(new SearchCell(128, 1e-4), seed: 3);

        Assert.Equal(hessian, config.Hessian);
        Assert.Equal((spec.RangeTest.StartLr, spec.RangeTest.EndLr, spec.RangeTest.Iterations, 3), (config.StartLr, config.EndLr, config.Iterations, config.Seed));
    }
}
