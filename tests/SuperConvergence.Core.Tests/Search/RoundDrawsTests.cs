using CsCheck;
using SuperConvergence.Core.Search.Adaptive;
using SuperConvergence.Core.Search.Space;
using SuperConvergence.Core.Sweeps;

namespace SuperConvergence.Core.Tests.Search;

public sealed class RoundDrawsTests
{
    private static readonly Gen<RoundDraws.Cell[]> Cells =
        Gen.Select(Gen.Double[-4, 1], Gen.Double[0.01, 3], Gen.Double[0.1, 10])
            .Select((logMin, decades, weight) => (logMin, decades, weight))
            .Array[1, 6]
            .Select(cells => cells.Select((cell, index) =>
                new RoundDraws.Cell(index, new LrRange(Math.Pow(10, cell.logMin), Math.Pow(10, cell.logMin + cell.decades)), cell.weight)).ToArray());

    [Fact]
    public void Every_draw_lies_in_its_cells_range_and_a_cells_draws_fill_distinct_slices()
    {
        Gen.Select(Cells, Gen.Int[1, 40], Gen.Int[1, 1000], Gen.Int).Sample((cells, size, round, seed) =>
        {
            var plan = RoundDraws.Draw(cells, size, round, seed);

            Assert.Equal(size, plan.Count);
            foreach (var group in plan.GroupBy(trial => trial.Cell))
            {
                var range = cells[group.Key].Range;
                var slices = group.Select(trial =>
                {
                    Assert.InRange(trial.MaxLr, range.Min * (1 - 1e-12), range.Max * (1 + 1e-12));
                    return (int)Math.Floor(Math.Log10(trial.MaxLr / range.Min) / LogScale.Decades(range) * group.Count() - 1e-9);
                }).ToArray();
                Assert.Equal(group.Count(), slices.Distinct().Count());
            }
        });
    }

    [Fact]
    public void The_same_round_and_seed_draw_the_same_plan()
    {
        Gen.Select(Cells, Gen.Int[1, 20], Gen.Int[1, 100], Gen.Int).Sample((cells, size, round, seed) =>
        {
            Assert.Equal(RoundDraws.Draw(cells, size, round, seed), RoundDraws.Draw(cells, size, round, seed));
            Assert.NotEqual(RoundDraws.Draw(cells, size, round, seed), RoundDraws.Draw(cells, size, round + 1, seed));
        });
    }

    [Fact]
    public void Allocation_splits_by_weight_and_hands_out_every_trial()
    {
        Gen.Select(Gen.Int[0, 50], Gen.Double[0.1, 10].Array[1, 6]).Sample((total, weights) =>
        {
            var counts = RoundDraws.Allocate(total, weights);

            Assert.Equal(total, counts.Sum());
            for (var i = 0; i < weights.Length; i++)
            {
                var exact = total * weights[i] / weights.Sum();
                Assert.InRange(counts[i], Math.Floor(exact), Math.Ceiling(exact));
            }
        });
    }

    [Fact]
    public void The_cells_are_interleaved_so_the_first_trials_cover_every_cell()
    {
        RoundDraws.Cell[] cells = [new(0, new LrRange(0.1, 1), 1), new(1, new LrRange(0.1, 1), 1), new(2, new LrRange(0.1, 1), 2)];

        var plan = RoundDraws.Draw(cells, 8, round: 1, seed: 3);

        Assert.Equal([0, 1, 2], plan.Take(3).Select(trial => trial.Cell));
    }
}
