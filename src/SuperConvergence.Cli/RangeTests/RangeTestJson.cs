namespace SuperConvergence.Cli.RangeTests;

/// <summary>
/// The JSON of `sc rangetest analyze` and `sc rangetest run` (docs/range-test.md): suggestions {minimum, steep,
/// valley, slide}, divergenceLr (null if none), recommended {minLr, maxLr}, superConvergence {possible, plateauLow,
/// plateauHigh, peakAccuracy, peakLr} (null without accuracy), floor {low, high, minimumLr}, signal {usable, drop,
/// reason}, points (lr, loss, smoothedLoss — fastai's moving average —, lagFreeLoss, accuracy). Keys are only ever
/// added, never renamed or removed.
/// </summary>
public static class RangeTestJson
{
    public static string Write(RangeTestReport report) => JsonWriting.Write(
        new RangeTestReportDocument(
            new LrSuggestionsDocument(report.Suggestions.Minimum, report.Suggestions.Steep, report.Suggestions.Valley, report.Suggestions.Slide),
            report.DivergenceLr,
            new RecommendedLrDocument(report.Recommended.MinLr, report.Recommended.MaxLr),
            report.SuperConvergence is { } signal
                ? new SuperConvergenceDocument(signal.Possible, signal.PlateauLow, signal.PlateauHigh, signal.PeakAccuracy, signal.PeakLr)
                : null,
            new LossFloorDocument(report.Floor.Low, report.Floor.High, report.Floor.MinimumLr, report.Floor.ReachesEnd),
            new CurveSignalDocument(report.Signal.Usable, report.Signal.Drop, report.Signal.Reason),
            [.. report.Points.Select(p => new RangeTestPointDocument(p.LearningRate, p.Loss, p.SmoothedLoss, p.LagFreeLoss, p.Accuracy))]),
        CliJsonContext.Default.RangeTestReportDocument);
}
