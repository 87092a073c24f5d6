using System.Text;
using System.Text.Json;
using SuperConvergence.Core.RangeTests;

namespace SuperConvergence.Cli.RangeTests;

/// <summary>
/// The JSON of `sc rangetest analyze` and `sc rangetest run` (docs/cli-json.md): suggestions {minimum, steep, valley,
/// slide}, divergenceLr (null if none), recommended {minLr, maxLr}, superConvergence {possible, plateauLow,
/// plateauHigh} (null without accuracy), points (the smoothed curve: lr, loss, smoothedLoss, accuracy).
/// </summary>
public static class RangeTestJson
{
    public static string Write(RangeTestReport report)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartObject("suggestions");
            w.WriteNumber("minimum", report.Suggestions.Minimum);
            w.WriteNumber("steep", report.Suggestions.Steep);
            w.WriteNumber("valley", report.Suggestions.Valley);
            w.WriteNumber("slide", report.Suggestions.Slide);
            w.WriteEndObject();
            if (report.DivergenceLr is double divergence)
            {
                w.WriteNumber("divergenceLr", divergence);
            }
            else
            {
                w.WriteNull("divergenceLr");
            }

            w.WriteStartObject("recommended");
            w.WriteNumber("minLr", report.Recommended.MinLr);
            w.WriteNumber("maxLr", report.Recommended.MaxLr);
            w.WriteEndObject();
            if (report.SuperConvergence is { } signal)
            {
                w.WriteStartObject("superConvergence");
                w.WriteBoolean("possible", signal.Possible);
                w.WriteNumber("plateauLow", signal.PlateauLow);
                w.WriteNumber("plateauHigh", signal.PlateauHigh);
                w.WriteNumber("peakAccuracy", signal.PeakAccuracy);
                w.WriteNumber("peakLr", signal.PeakLr);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("superConvergence");
            }

            w.WriteStartArray("points");
            foreach (var p in report.Points)
            {
                w.WriteStartObject();
                w.WriteNumber("lr", p.LearningRate);
                if (double.IsFinite(p.Loss))
                {
                    w.WriteNumber("loss", p.Loss);
                }
                else
                {
                    w.WriteNull("loss");
                }

                w.WriteNumber("smoothedLoss", p.SmoothedLoss);
                if (p.Accuracy is double a)
                {
                    w.WriteNumber("accuracy", a);
                }
                else
                {
                    w.WriteNull("accuracy");
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>For people: the suggestions, divergence, recommendation and signal, one per line.</summary>
    public static void WriteTable(RangeTestReport report, TextWriter output)
    {
        static string F(double v) => v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);
        output.WriteLine($"suggestions     minimum {F(report.Suggestions.Minimum)}   steep {F(report.Suggestions.Steep)}   valley {F(report.Suggestions.Valley)}   slide {F(report.Suggestions.Slide)}");
        output.WriteLine($"divergence      {(report.DivergenceLr is double d ? $"at LR {F(d)}" : "none within the tested range")}");
        output.WriteLine($"1cycle          min LR {F(report.Recommended.MinLr)} → max LR {F(report.Recommended.MaxLr)}");
        output.WriteLine(report.SuperConvergence is { } s
            ? $"accuracy        peak {s.PeakAccuracy:P2} at LR {F(s.PeakLr)}; within tolerance from {F(s.PlateauLow)} to {F(s.PlateauHigh)}: super-convergence {(s.Possible ? "possible" : "unlikely")}"
            : "accuracy        not measured");
    }
}
