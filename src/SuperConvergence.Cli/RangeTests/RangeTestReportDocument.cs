namespace SuperConvergence.Cli.RangeTests;

/// <summary>The JSON contract of `sc rangetest analyze` and `sc rangetest run` (docs/range-test.md).</summary>
public sealed record RangeTestReportDocument(
    LrSuggestionsDocument Suggestions,
    double? DivergenceLr,
    RecommendedLrDocument Recommended,
    SuperConvergenceDocument? SuperConvergence,
    LossFloorDocument Floor,
    CurveSignalDocument Signal,
    IReadOnlyList<RangeTestPointDocument> Points);

/// <summary>fastai's four suggestions.</summary>
public sealed record LrSuggestionsDocument(double Minimum, double Steep, double Valley, double Slide);

/// <summary>The 1cycle pair the analysis recommends.</summary>
public sealed record RecommendedLrDocument(double MinLr, double MaxLr);

/// <summary>The accuracy plateau; the whole object is null when no accuracy was measured.</summary>
public sealed record SuperConvergenceDocument(bool Possible, double PlateauLow, double PlateauHigh, double PeakAccuracy, double PeakLr);

/// <summary>The trainable band around the lag-free minimum.</summary>
public sealed record LossFloorDocument(double Low, double High, double MinimumLr, bool ReachesEnd);

/// <summary>Whether the curve says anything, and why not.</summary>
public sealed record CurveSignalDocument(bool Usable, double Drop, string? Reason);

/// <summary>One point of the curve with both smoothings.</summary>
public sealed record RangeTestPointDocument(double Lr, double? Loss, double SmoothedLoss, double LagFreeLoss, double? Accuracy);
