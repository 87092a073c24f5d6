namespace SuperConvergence.Cli.RangeTests;

/// <summary>
/// `sc rangetest analyze --format csv`: the analysis' answers as key,value rows, the keys the JSON's paths
/// (docs/cli-json.md). A value is empty where the JSON has null. The smoothed curve is left out: it is the input's shape,
/// and a spreadsheet wants the suggestions.
/// </summary>
public static class RangeTestAnalysisCsv
{
    public const string Header = "key,value";

    public static void Write(TextWriter output, RangeTestReport report)
    {
        var signal = report.SuperConvergence;
        SweepCsv.Write(output, Header, new (string Key, string Value)[]
        {
            ("suggestions.minimum", SweepCsv.Number(report.Suggestions.Minimum)),
            ("suggestions.steep", SweepCsv.Number(report.Suggestions.Steep)),
            ("suggestions.valley", SweepCsv.Number(report.Suggestions.Valley)),
            ("suggestions.slide", SweepCsv.Number(report.Suggestions.Slide)),
            ("divergenceLr", SweepCsv.Number(report.DivergenceLr)),
            ("recommended.minLr", SweepCsv.Number(report.Recommended.MinLr)),
            ("recommended.maxLr", SweepCsv.Number(report.Recommended.MaxLr)),
            ("superConvergence.possible", signal is null ? "" : signal.Possible ? "true" : "false"),
            ("superConvergence.plateauLow", SweepCsv.Number(signal?.PlateauLow)),
            ("superConvergence.plateauHigh", SweepCsv.Number(signal?.PlateauHigh)),
            ("superConvergence.peakAccuracy", SweepCsv.Number(signal?.PeakAccuracy)),
            ("superConvergence.peakLr", SweepCsv.Number(signal?.PeakLr)),
            ("floor.low", SweepCsv.Number(report.Floor.Low)),
            ("floor.high", SweepCsv.Number(report.Floor.High)),
            ("floor.minimumLr", SweepCsv.Number(report.Floor.MinimumLr)),
            ("floor.reachesEnd", report.Floor.ReachesEnd ? "true" : "false"),
            ("signal.usable", report.Signal.Usable ? "true" : "false"),
            ("signal.drop", SweepCsv.Number(report.Signal.Drop)),
        }, row => $"{row.Key},{row.Value}");
    }
}
