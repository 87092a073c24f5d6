namespace SuperConvergence.Core.Search.Adaptive;

/// <summary>
/// The trials of one narrowing round: split over the eligible cells by weight, each cell's max LRs drawn
/// log-uniformly and stratified over its range, cells interleaved so the first trials to start cover them all.
/// Every draw is keyed by (round, position), so a restored search draws the same round again.
/// </summary>
internal static class RoundDraws
{
    private const ulong LrStream = 0x41444150_4C524C52;
    private const ulong SeedStream = 0x41444150_53454544;

    /// <summary>A cell that may receive trials this round: its index, the range to draw from, its weight.</summary>
    public sealed record Cell(int Index, LrRange Range, double Weight);

    public static IReadOnlyList<PlannedTrial> Draw(IReadOnlyList<Cell> cells, int size, int round, int seed)
    {
        var counts = Allocate(size, [.. cells.Select(cell => cell.Weight)]);
        var plan = new List<(int Slot, PlannedTrial Trial)>();
        for (var c = 0; c < cells.Count; c++)
        {
            for (var j = 0; j < counts[c]; j++)
            {
                // Stratified: the j-th of k draws lands in the j-th of k equal log-space slices of the cell's range.
                var draw = ((ulong)round << 32) | (uint)plan.Count;
                var unit = (j + SeededDraws.Unit(seed, LrStream, draw)) / counts[c];
                var maxLr = LogScale.At(cells[c].Range, unit);
                plan.Add((j, new PlannedTrial(cells[c].Index, maxLr, SeededDraws.TrialSeed(seed, SeedStream, draw))));
            }
        }

        return [.. plan.OrderBy(entry => entry.Slot).ThenBy(entry => entry.Trial.Cell).Select(entry => entry.Trial)];
    }

    /// <summary>Splits <paramref name="total"/> by weight: floors first, the rest to the largest remainders.</summary>
    internal static int[] Allocate(int total, IReadOnlyList<double> weights)
    {
        var sum = weights.Sum();
        var exact = weights.Select(weight => total * weight / sum).ToArray();
        var counts = exact.Select(value => (int)Math.Floor(value)).ToArray();
        var order = Enumerable.Range(0, weights.Count).OrderByDescending(i => exact[i] - counts[i]).ThenBy(i => i).ToArray();
        for (var i = 0; counts.Sum() < total; i++)
        {
            counts[order[i % order.Length]]++;
        }

        return counts;
    }
}
