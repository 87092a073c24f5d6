namespace SuperConvergence.Cli.RangeTests;

/// <summary>`sc rangetest analyze|run --format table`: the report for people, one finding per line (docs/range-test.md).</summary>
public static class RangeTestTable
{
    /// <summary>For people: the suggestions, divergence, recommendation and signal, one per line.</summary>
    public static void Write(RangeTestReport report, TextWriter output)
    {
        static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
        output.WriteLine(report.Signal.Usable
            ? string.Create(CultureInfo.InvariantCulture, $"signal          the smoothed loss fell {report.Signal.Drop:P0}")
            : $"signal          NONE: {report.Signal.Reason}");
        output.WriteLine($"divergence      {(report.DivergenceLr is double d ? $"at LR {F(d)}" : "none within the tested range")}");
        output.WriteLine(report.Floor.ReachesEnd
            ? $"loss floor      {F(report.Floor.Low)} … beyond {F(report.Floor.High)}, the test's last LR (lowest at {F(report.Floor.MinimumLr)}): the loss never climbed; rerun with a larger --end-lr to find the top"
            : $"loss floor      {F(report.Floor.Low)} … {F(report.Floor.High)} (lowest at {F(report.Floor.MinimumLr)})");
        var caveat = !report.Signal.Usable ? " (no signal: do not trust it)"
            : report.Floor.ReachesEnd ? " at least (the floor reaches the test's end)"
            : "";
        output.WriteLine($"1cycle          min LR {F(report.Recommended.MinLr)} → max LR {F(report.Recommended.MaxLr)}{caveat}");
        output.WriteLine($"fastai          minimum {F(report.Suggestions.Minimum)}   steep {F(report.Suggestions.Steep)}   valley {F(report.Suggestions.Valley)}   slide {F(report.Suggestions.Slide)}");
        output.WriteLine(report.SuperConvergence is { } s
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"accuracy        peak {s.PeakAccuracy:P2} at LR {F(s.PeakLr)}; within tolerance from {F(s.PlateauLow)} to {F(s.PlateauHigh)}: super-convergence {(s.Possible ? "possible" : "unlikely")}")
            : "accuracy        not measured");
    }
}
