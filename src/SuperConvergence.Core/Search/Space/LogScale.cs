namespace SuperConvergence.Core.Search.Space;

/// <summary>
/// Learning rates live on a log scale: the range test ramps exponentially and a factor of 2 matters as much at
/// 0.01 as at 1, so draws, spans and margins are all taken in log10 space.
/// </summary>
public static class LogScale
{
    /// <summary>The point a fraction <paramref name="unit"/> of the way from Min to Max in log space.</summary>
    public static double At(LrRange range, double unit) =>
        Math.Exp(Math.Log(range.Min) + unit * (Math.Log(range.Max) - Math.Log(range.Min)));

    /// <summary>Decades the range spans: log10(Max / Min).</summary>
    public static double Decades(LrRange range) => Math.Log10(range.Max / range.Min);

    public static bool Contains(LrRange range, double lr) => lr >= range.Min && lr <= range.Max;

    public static double Clamp(LrRange range, double lr) => Math.Min(range.Max, Math.Max(range.Min, lr));

    /// <summary>The overlap of two ranges, or null when they do not meet.</summary>
    public static LrRange? Intersect(LrRange a, LrRange b)
    {
        var min = Math.Max(a.Min, b.Min);
        var max = Math.Min(a.Max, b.Max);
        return min <= max ? new LrRange(min, max) : null;
    }

    /// <summary>The range widened by <paramref name="decades"/> on each side (log space).</summary>
    public static LrRange Widen(LrRange range, double decades) =>
        new(range.Min / Math.Pow(10, decades), range.Max * Math.Pow(10, decades));

    /// <summary>The geometric middle of the range.</summary>
    public static double Centre(LrRange range) => Math.Sqrt(range.Min * range.Max);
}
