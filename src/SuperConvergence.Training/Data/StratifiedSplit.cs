namespace SuperConvergence.Training.Data;

/// <summary>
/// Splits labelled images into train and test with the same class proportions in both, deterministically:
/// for copies of a dataset that ship without an official split.
/// </summary>
public static class StratifiedSplit
{
    public sealed record Result(LabelledImages Train, LabelledImages Test);

    /// <summary>
    /// Holds out round(n_c · testFraction) images of every class c, chosen by a seeded shuffle within the class;
    /// both halves come back in a seeded shuffled order so that no consumer sees classes in blocks.
    /// </summary>
    public static Result Split(LabelledImages images, double testFraction, ulong seed)
    {
        if (testFraction is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "must lie strictly between 0 and 1");
        }

        var train = new List<int>();
        var test = new List<int>();
        for (var c = 0; c < images.ClassCount; c++)
        {
            var members = Enumerable.Range(0, images.Count).Where(i => images.Labels[i] == c).ToArray();
            var order = DeterministicShuffle.Permutation(members.Length, seed + (ulong)c);
            var held = (int)Math.Round(members.Length * testFraction, MidpointRounding.AwayFromZero);
            for (var k = 0; k < order.Length; k++)
            {
                (k < held ? test : train).Add(members[order[k]]);
            }
        }

        return new Result(Shuffled(images, train, seed ^ 0x5452414EUL), Shuffled(images, test, seed ^ 0x54455354UL));
    }

    private static LabelledImages Shuffled(LabelledImages images, List<int> indices, ulong seed)
    {
        var order = DeterministicShuffle.Permutation(indices.Count, seed);
        return images.Select(order.Select(k => indices[k]).ToArray());
    }
}
