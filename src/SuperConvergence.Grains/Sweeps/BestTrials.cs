namespace SuperConvergence.Grains.Sweeps;

/// <summary>A bounded list of the best trials, best first; ties go to the earlier trial so the order is stable.</summary>
internal static class BestTrials
{
    private static readonly Comparer<BestTrial> BestFirst = Comparer<BestTrial>.Create((a, b) =>
    {
        var byAccuracy = b.Accuracy.CompareTo(a.Accuracy);
        return byAccuracy != 0 ? byAccuracy : string.CompareOrdinal(a.TrialId, b.TrialId);
    });

    public static void Insert(List<BestTrial> best, BestTrial trial, int keep)
    {
        if (best.Count >= keep && BestFirst.Compare(trial, best[^1]) >= 0)
        {
            return;
        }

        var index = best.BinarySearch(trial, BestFirst);
        best.Insert(index < 0 ? ~index : index, trial);
        if (best.Count > keep)
        {
            best.RemoveAt(best.Count - 1);
        }
    }
}
