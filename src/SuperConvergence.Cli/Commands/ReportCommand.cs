using SuperConvergence.Cli.Reports;

namespace SuperConvergence.Cli.Commands;

/// <summary>`sc report ID --out DIR`: PNG plots and a report.md for a sweep.</summary>
public static class ReportCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("report", $"Write a sweep's report: range-test curves with the suggested and the chosen bounds, the narrowing history, accuracy against max LR by weight decay, the best trials' accuracy curves, and report.md with the best-config table.{SweepCommand.StoreNote}\n\nExamples:\n  sc report fmnist-20261122-0a1b --out report/\n  sc report simulated-quick-20261205-114317-a840 --out report/ --data-dir /tmp/sweeps");
        var id = new Argument<string>("ID") { Description = "The sweep id" };
        var output = new Option<string>("--out") { Description = "Directory to write into (created if missing)", Required = true };
        var source = new SweepQueryOptions(console);
        command.Arguments.Add(id);
        command.Options.Add(output);
        source.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var directory = parse.GetValue(output)!;
            if (File.Exists(directory))
            {
                throw CliException.BadInput("--out", directory, "is a file; give a directory", "the report writes several PNGs and report.md into it");
            }

            await using var queries = await source.OpenAsync(parse, ct);
            var data = await SweepReportSource.ReadAsync(queries, parse.GetValue(id)!, ct);
            foreach (var file in SweepReport.Write(data, directory))
            {
                console.Out.WriteLine(file);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
