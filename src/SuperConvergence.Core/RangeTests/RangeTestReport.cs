namespace SuperConvergence.Core.RangeTests;

/// <summary>The analysis of one range-test curve (docs/range-test.md gives every rule).</summary>
/// <param name="Suggestions">fastai's four, exactly as fastai computes them (on its moving average, up to its stop).</param>
/// <param name="DivergenceLr">Where the lag-free loss passes DivergeFactor × its minimum so far, or the first non-finite loss.</param>
/// <param name="Recommended">The 1cycle pair read off the lag-free curve: MaxLr the top of <paramref name="Floor"/> ÷ FloorTopDivisor
/// (a lower bound when the floor reaches the test's end).</param>
/// <param name="SuperConvergence">The accuracy plateau, when accuracy was measured.</param>
/// <param name="Points">Every point up to the last finite loss, with both smoothings.</param>
/// <param name="Floor">The LRs around the lag-free minimum where the loss stays near it: the trainable band.</param>
/// <param name="Signal">Whether the curve says anything: how far the lag-free loss fell before it turned.</param>
public sealed record RangeTestReport(
    LrSuggestions Suggestions,
    double? DivergenceLr,
    LrBounds Recommended,
    SuperConvergenceSignal? SuperConvergence,
    IReadOnlyList<SmoothedPoint> Points,
    LossFloor Floor,
    CurveSignal Signal);

/// <summary>
/// The band of LRs [Low, High] from where the lag-free loss first comes within FloorShare of its total fall above its
/// minimum (at MinimumLr) to where it last is: below Low the network is still learning slowly, above High the LR is
/// starting to hurt. 1cycle's best max LR lies inside it (docs/range-test.md has the measurements).
/// ReachesEnd: the loss was still on its floor at the test's last LR and never diverged, so High is where the test
/// stopped, not where the LR starts to hurt; the recommendation read from it is then only a lower bound, and a test
/// to a larger end LR would find the real top.
/// </summary>
public sealed record LossFloor(double Low, double High, double MinimumLr, bool ReachesEnd = false);

/// <summary>
/// Whether a curve carries usable signal: the lag-free loss fell by Drop (a share of where it started, 0 … 1) before
/// its minimum, and that must be at least the analysis' SignalDrop. A test too short, or at LRs too small, to train
/// the network shows a loss that barely moves, and its "minimum" is noise. Reason says why when Usable is false.
/// </summary>
public sealed record CurveSignal(bool Usable, double Drop, string? Reason);

/// <summary>fastai's four LR suggestions, computed as fastai does: on its moving average, before its own divergence stop.</summary>
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

/// <summary>
/// One point of the analysed curve: the raw loss, fastai's debiased moving average of it (SmoothedLoss, which lags),
/// the zero-phase smoothing the recommendation uses (LagFreeLoss; NaN past divergence's blow-up), and accuracy where measured.
/// </summary>
public readonly record struct SmoothedPoint(double LearningRate, double Loss, double SmoothedLoss, double? Accuracy, double LagFreeLoss = double.NaN);

/// <summary>
/// The analysis' knobs: fastai's (beta, divergence factor) and ours, each default chosen from the measurements in
/// docs/range-test.md. SmoothingDecades is the lag-free smoother's time constant in decades of LR; FloorShare how
/// close to its minimum the loss must stay to count as the floor (a share of its total fall); SignalDrop the least
/// fall, as a share of the starting loss, for a curve to count as carrying signal; FloorTopDivisor how far below the
/// floor's top (where the loss starts to climb) the recommended max LR sits.
/// </summary>
public sealed record RangeTestAnalysisOptions(
    double Beta = 0.98,
    double DivergeFactor = 4,
    double AccuracyTolerance = 0.02,
    double PlateauDecades = 1.0,
    double SmoothingDecades = 0.2,
    double FloorShare = 0.2,
    double SignalDrop = 0.2,
    double FloorTopDivisor = 5)
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

        if (!double.IsFinite(SmoothingDecades) || SmoothingDecades is <= 0 or > 2)
        {
            throw new ScheduleSettingException("smoothing_decades", SmoothingDecades, "must be in (0, 2]");
        }

        if (!double.IsFinite(FloorShare) || FloorShare is <= 0 or >= 1)
        {
            throw new ScheduleSettingException("floor_share", FloorShare, "must be in (0, 1)");
        }

        if (!double.IsFinite(FloorTopDivisor) || FloorTopDivisor < 1)
        {
            throw new ScheduleSettingException("floor_top_divisor", FloorTopDivisor, "must be a finite number >= 1");
        }

        if (!double.IsFinite(SignalDrop) || SignalDrop is < 0 or >= 1)
        {
            throw new ScheduleSettingException("signal_drop", SignalDrop, "must be in [0, 1)");
        }
    }
}
