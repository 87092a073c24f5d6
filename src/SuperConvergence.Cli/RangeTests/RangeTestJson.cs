using SuperConvergence.Cli.Sweeps;
using SuperConvergence.Core.RangeTests;

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
    public static string Write(RangeTestReport report) => JsonWriting.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("suggestions");
        w.WriteNumber("minimum", report.Suggestions.Minimum);
        w.WriteNumber("steep", report.Suggestions.Steep);
        w.WriteNumber("valley", report.Suggestions.Valley);
        w.WriteNumber("slide", report.Suggestions.Slide);
        w.WriteEndObject();
        w.WriteNumberOrNull("divergenceLr", report.DivergenceLr);
        w.WriteStartObject("recommended");
        w.WriteNumber("minLr", report.Recommended.MinLr);
        w.WriteNumber("maxLr", report.Recommended.MaxLr);
        w.WriteEndObject();
        w.WriteObjectOrNull("superConvergence", report.SuperConvergence, static (o, signal) =>
        {
            o.WriteBoolean("possible", signal.Possible);
            o.WriteNumber("plateauLow", signal.PlateauLow);
            o.WriteNumber("plateauHigh", signal.PlateauHigh);
            o.WriteNumber("peakAccuracy", signal.PeakAccuracy);
            o.WriteNumber("peakLr", signal.PeakLr);
        });
        w.WriteStartObject("floor");
        w.WriteNumber("low", report.Floor.Low);
        w.WriteNumber("high", report.Floor.High);
        w.WriteNumber("minimumLr", report.Floor.MinimumLr);
        w.WriteBoolean("reachesEnd", report.Floor.ReachesEnd);
        w.WriteEndObject();
        w.WriteStartObject("signal");
        w.WriteBoolean("usable", report.Signal.Usable);
        w.WriteNumber("drop", report.Signal.Drop);
        w.WriteString("reason", report.Signal.Reason);
        w.WriteEndObject();

        w.WriteArrayOfObjects("points", report.Points, static (o, p) =>
        {
            o.WriteNumber("lr", p.LearningRate);
            o.WriteNumberOrNull("loss", p.Loss);
            o.WriteNumber("smoothedLoss", p.SmoothedLoss);
            o.WriteNumber("lagFreeLoss", p.LagFreeLoss);
            o.WriteNumberOrNull("accuracy", p.Accuracy);
        });
        w.WriteEndObject();
    });
}
