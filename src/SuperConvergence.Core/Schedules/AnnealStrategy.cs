namespace SuperConvergence.Core.Schedules;

/// <summary>How a 1cycle phase moves between its start and end values.</summary>
public enum AnnealStrategy
{
    Cos,
    Linear,
}

internal static class Anneal
{
    /// <summary>PyTorch's formulas: cos = end + (start − end)/2 · (cos(π·pct) + 1); linear = (end − start)·pct + start.</summary>
    public static double Apply(AnnealStrategy strategy, double start, double end, double pct) => strategy == AnnealStrategy.Cos
        ? end + (start - end) / 2.0 * (Math.Cos(Math.PI * pct) + 1)
        : (end - start) * pct + start;
}
