namespace SuperConvergence.Cli.Commands;

/// <summary>
/// `sc rangetest analyze FILE`: Core's analysis of a recorded curve. `sc rangetest run` prints its curve through the
/// same <see cref="Analyze"/> and <see cref="Print"/>, so both commands answer alike.
/// </summary>
public static class RangeTestAnalyzeCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command(
            "analyze",
            "Analyse a range-test curve: fastai's suggestions, divergence, the recommended 1cycle pair and, with accuracy, the super-convergence signal.\n\n" +
            "Examples:\n  sc rangetest analyze curve.csv\n  sc rangetest analyze curve.csv --format json --beta 0.95 --diverge-factor 5\n  sc rangetest analyze curve.csv --format csv > suggestions.csv");
        var file = new Argument<string>("FILE") { Description = "CSV with header lr,loss or lr,loss,accuracy" };
        var analysis = new AnalysisFlags();
        var format = OutputFormats.Option(OutputFormat.Table, OutputFormat.Json, OutputFormat.Csv);
        command.Arguments.Add(file);
        analysis.AddTo(command);
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            var options = analysis.Resolve(parse);
            var path = parse.GetValue(file)!;
            var report = Analyze(path, RangeTestCsv.Read(path), options);
            Print(console, report, OutputFormats.Parse(parse.GetValue(format)!));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The analysis of a curve read from <paramref name="source"/>; a curve it refuses is bad input naming the file.</summary>
    public static RangeTestReport Analyze(string source, IReadOnlyList<RangeTestPoint> curve, RangeTestAnalysisOptions options)
    {
        try
        {
            return RangeTestAnalysis.Analyze(curve, options);
        }
        catch (ScheduleSettingException refused)
        {
            throw new CliException($"{source}: {refused.Message}", ExitCodes.BadInput);
        }
    }

    public static void Print(CliConsole console, RangeTestReport report, OutputFormat format)
    {
        if (format == OutputFormat.Json)
        {
            console.Out.WriteLine(RangeTestJson.Write(report));
        }
        else if (format == OutputFormat.Csv)
        {
            RangeTestAnalysisCsv.Write(console.Out, report);
        }
        else
        {
            RangeTestTable.Write(report, console.Out);
        }
    }
}
