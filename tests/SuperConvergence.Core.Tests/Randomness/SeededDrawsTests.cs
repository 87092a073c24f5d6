using CsCheck;
using SuperConvergence.Core.Randomness;

namespace SuperConvergence.Core.Tests.Randomness;

public sealed class SeededDrawsTests
{
    [Fact]
    public void Draws_are_pure_functions_of_seed_stream_and_index()
    {
        Gen.Select(Gen.Long, Gen.ULong, Gen.ULong).Sample((seed, stream, index) =>
        {
            Assert.Equal(SeededDraws.Unit(seed, stream, index), SeededDraws.Unit(seed, stream, index));
            Assert.InRange(SeededDraws.Unit(seed, stream, index), 0.0, 1.0 - double.Epsilon);
            Assert.InRange(SeededDraws.Below(seed, stream, index, 7), 0, 6);
            Assert.InRange(SeededDraws.TrialSeed(seed, stream, index), 0, int.MaxValue);
        });
    }

    [Fact]
    public void Neighbouring_indices_and_seeds_give_unrelated_draws()
    {
        var draws = Enumerable.Range(0, 20_000).Select(i => SeededDraws.Unit(1, 2, (ulong)i)).ToArray();
        var bySeed = Enumerable.Range(0, 20_000).Select(seed => SeededDraws.Unit(seed, 2, 0)).ToArray();

        foreach (var sample in new[] { draws, bySeed })
        {
            Assert.InRange(sample.Average(), 0.49, 0.51);
            var lag1 = Enumerable.Range(1, sample.Length - 1).Average(i => (sample[i] - 0.5) * (sample[i - 1] - 0.5));
            Assert.InRange(lag1, -0.002, 0.002);
        }
    }

    [Fact]
    public void Normal_draws_have_zero_mean_and_unit_variance()
    {
        var draws = Enumerable.Range(0, 50_000).Select(i => SeededDraws.Normal(SeededDraws.Hash(3, 4, (ulong)i))).ToArray();

        Assert.InRange(draws.Average(), -0.02, 0.02);
        Assert.InRange(draws.Average(x => x * x), 0.97, 1.03);
    }
}
