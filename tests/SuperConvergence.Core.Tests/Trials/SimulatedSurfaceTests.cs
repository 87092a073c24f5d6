using CsCheck;
using SuperConvergence.Core.Trials.Simulated;

namespace SuperConvergence.Core.Tests.Trials;

public sealed class SimulatedSurfaceTests
{
    [Fact]
    public void Accuracy_rises_with_log_lr_to_a_plateau_below_the_divergence_lr()
    {
        var divergence = SimulatedSurface.DivergenceLr(128);
        var low = SimulatedSurface.ExpectedAccuracy(divergence / 300, 1e-4, 128, 4);
        var rising = SimulatedSurface.ExpectedAccuracy(divergence / 40, 1e-4, 128, 4);
        var plateau = SimulatedSurface.ExpectedAccuracy(divergence / 4, 1e-4, 128, 4);
        var edge = SimulatedSurface.ExpectedAccuracy(divergence * 0.97, 1e-4, 128, 4);

        Assert.True(low < rising && rising < plateau, $"{low} < {rising} < {plateau}");
        Assert.True(edge < plateau - 0.1, "accuracy falls off just before divergence");
    }

    [Fact]
    public void The_best_weight_decay_shrinks_as_the_learning_rate_grows()
    {
        double[] weightDecays = [5e-5, 1e-4, 5e-4, 1e-3];
        double BestWeightDecayAt(double lr) => weightDecays.MaxBy(wd => SimulatedSurface.ExpectedAccuracy(lr, wd, 128, 4));

        Assert.Equal(1e-3, BestWeightDecayAt(0.05));
        Assert.Equal(5e-4, BestWeightDecayAt(0.1));
        Assert.Equal(1e-4, BestWeightDecayAt(0.5));
        Assert.Equal(5e-5, BestWeightDecayAt(1.0));
    }

    [Fact]
    public void Longer_cycles_add_accuracy_with_diminishing_returns()
    {
        var gains = new[] { 1, 2, 4, 8, 16 }.Select(cycle => SimulatedSurface.ExpectedAccuracy(0.5, 1e-4, 128, cycle)).ToArray();

        for (var i = 1; i < gains.Length; i++)
        {
            Assert.True(gains[i] > gains[i - 1]);
        }

        for (var i = 2; i < gains.Length; i++)
        {
            Assert.True(gains[i] - gains[i - 1] < gains[i - 1] - gains[i - 2]);
        }
    }

    [Fact]
    public void Larger_batches_diverge_later()
    {
        Gen.Int[1, 4096].Sample(batch =>
            Assert.True(SimulatedSurface.DivergenceLr(batch + 1) > SimulatedSurface.DivergenceLr(batch)));
    }

    [Fact]
    public void Expected_accuracy_stays_between_chance_and_one()
    {
        Gen.Select(Gen.Double[-6, 2], Gen.Double[0, 0.01], Gen.Int[1, 4096], Gen.Int[1, 100]).Sample((logLr, wd, batch, cycle) =>
            Assert.InRange(SimulatedSurface.ExpectedAccuracy(Math.Pow(10, logLr), wd, batch, cycle), SimulatedSurface.ChanceAccuracy, 1.0));
    }
}
