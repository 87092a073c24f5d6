using SuperConvergence.Core.Schedules;

namespace SuperConvergence.Core.RangeTests;

/// <summary>The analysis of one range-test curve (docs/range-test.md gives every rule).</summary>
public sealed record RangeTestReport(
    LrSuggestions Suggestions,
    double? DivergenceLr,
    LrBounds Recommended,
    SuperConvergenceSignal? SuperConvergence,
    IReadOnlyList<SmoothedPoint> Points);

/// <summary>fastai's four LR suggestions, computed on the smoothed curve before divergence.</summary>
public sealed record LrSuggestions(double Minimum, double Steep, double Valley, double Slide);

/// <summary>A 1cycle LR pair: the cycle warms up from MinLr to MaxLr.</summary>
public sealed record LrBounds(double MinLr, double MaxLr)
{
    /// <summary>1cycle's usual ratio of max to initial LR (PyTorch's div_factor): MinLr when nothing better is known.</summary>
    public const double FallbackDivFactor = 25;

    /// <summary>
    /// The pair under <paramref name="maxLr"/> starting where the loss starts to fall, or at maxLr/25 when that point is
    /// not below maxLr (an accuracy peak before the loss moved, say).
    /// </summary>
    public static LrBounds Below(double maxLr, double lossStartsFalling) =>
        new(lossStartsFalling < maxLr ? lossStartsFalling : maxLr / FallbackDivFactor, maxLr);
}

/// <summary>
/// The paper's signal that super-convergence is possible: validation accuracy stays within a tolerance of its peak
/// over a wide LR interval [PlateauLow, PlateauHigh] reaching large LRs.
/// </summary>
public sealed record SuperConvergenceSignal(bool Possible, double PlateauLow, double PlateauHigh, double PeakAccuracy, double PeakLr);

/// <summary>One point of the analysed curve: the raw loss, its debiased moving average, and accuracy where measured.</summary>
public readonly record struct SmoothedPoint(double LearningRate, double Loss, double SmoothedLoss, double? Accuracy);

/// <summary>The analysis' knobs, with the defaults of fastai (beta, divergence factor) and of docs/range-test.md.</summary>
public sealed record RangeTestAnalysisOptions(
    double Beta = 0.98,
    double DivergeFactor = 4,
    double AccuracyTolerance = 0.02,
    double PlateauDecades = 1.0)
{
    /// <summary>Throws <see cref="ScheduleSettingException"/> naming the first knob that cannot work.</summary>
    public void Validate()
    {
        if (!double.IsFinite(Beta) || Beta is < 0 or >= 1)
        {
            throw new ScheduleSettingException("beta", Beta, "must be in [0, 1)");
        }

        if (!double.IsFinite(DivergeFactor) || DivergeFactor <= 1)
        {
            throw new ScheduleSettingException("diverge_factor", DivergeFactor, "must be a finite number > 1");
        }

        if (!double.IsFinite(AccuracyTolerance) || AccuracyTolerance < 0)
        {
            throw new ScheduleSettingException("accuracy_tolerance", AccuracyTolerance, "must be a finite number >= 0");
        }

        if (!double.IsFinite(PlateauDecades) || PlateauDecades < 0)
        {
            throw new ScheduleSettingException("plateau_decades", PlateauDecades, "must be a finite number >= 0");
        }
    }
}
