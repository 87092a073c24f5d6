using System.Text;
using SuperConvergence.Cli;
using SuperConvergence.Cli.Commands;
using SuperConvergence.Cli.RangeTests;
using SuperConvergence.Core.RangeTests;

namespace SuperConvergence.Fuzz;

/// <summary>
/// `sc rangetest analyze FILE` end to end, less the console: the curve CSV, Core's analysis with the default knobs,
/// and the JSON and CSV the command prints (a curve that reads must also analyse and print).
/// </summary>
internal sealed class RangeTestCurveTarget : FuzzTarget
{
    private const string Source = "curve.csv";

    public override string Name => "curve";

    public override string Description => "range-test curve reader, analysis and its JSON/CSV output";

    protected override void Read(byte[] input)
    {
        using var reader = new StringReader(Encoding.UTF8.GetString(input));
        var report = RangeTestAnalyzeCommand.Analyze(Source, RangeTestCsv.Read(reader, Source), new RangeTestAnalysisOptions());
        RangeTestJson.Write(report);
        RangeTestAnalysisCsv.Write(TextWriter.Null, report);
    }

    protected override bool IsDocumentedRejection(Exception rejection) =>
        rejection is CliException { ExitCode: ExitCodes.BadInput };
}
