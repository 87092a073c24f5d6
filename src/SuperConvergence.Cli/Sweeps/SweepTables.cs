using Spectre.Console;
using Spectre.Console.Rendering;
using SuperConvergence.Core.Search;

namespace SuperConvergence.Cli.Sweeps;

/// <summary>Tables for people. Plain text (no colour) when the output is not a terminal or NO_COLOR is set.</summary>
public static class SweepTables
{
    /// <summary>Width of tables written to files and pipes, where no terminal says how wide to be.</summary>
    public const int PipeWidth = 160;

    public static IAnsiConsole ConsoleFor(CliConsole console)
    {
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Out),
            Ansi = console.AllowsDecoration ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = console.AllowsDecoration ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = console.AllowsDecoration ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!console.IsTerminal)
        {
            ansi.Profile.Width = PipeWidth;
        }

        return ansi;
    }

    public static IRenderable Best(IReadOnlyList<BestTrial> best)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("best configurations");
        foreach (var column in new[] { "#", "trial", "max LR", "min LR", "weight decay", "batch", "cycle epochs", "accuracy" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        for (var i = 0; i < best.Count; i++)
        {
            var b = best[i];
            table.AddRow(
                (i + 1).ToString(CultureInfo.InvariantCulture), b.TrialId, Lr(b.MaxLr), Lr(b.MinLr), Lr(b.WeightDecay),
                b.BatchSize.ToString(CultureInfo.InvariantCulture), b.CycleEpochs.ToString(CultureInfo.InvariantCulture), Percent(b.Accuracy));
        }

        return table;
    }

    public static IRenderable Summary(SweepStatus status)
    {
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("sweep", $"{Markup.Escape(status.SweepId)} ({Markup.Escape(status.Name)})");
        grid.AddRow("state", SweepJson.Wire(status.State));
        grid.AddRow("phase", $"{Markup.Escape(status.Phase)}, round {status.Round}");
        grid.AddRow("max-LR bounds", $"{Lr(status.Bounds.Min)} … {Lr(status.Bounds.Max)}");
        if (status.BoundsSource is { } source)
        {
            grid.AddRow("bounds from", Markup.Escape(source));
        }

        grid.AddRow("trials", $"{status.TotalTrials} ({string.Join(", ", status.CountsByName.Where(c => c.Value > 0).Select(c => $"{c.Key} {c.Value}"))})");
        grid.AddRow("trial-epochs used", status.TrialEpochsUsed.ToString(CultureInfo.InvariantCulture));
        return grid;
    }

    public static IRenderable Trials(IEnumerable<TrialSummary> trials, string title)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(title);
        foreach (var column in new[] { "trial", "kind", "state", "attempts", "worker", "max LR", "weight decay", "batch", "cycle", "epochs", "accuracy" })
        {
            table.AddColumn(column);
        }

        foreach (var t in trials)
        {
            var config = t.Config;
            var rangeTest = t.RangeTestConfig;
            table.AddRow(
                Markup.Escape(t.TrialId), t.Kind.ToWire(), t.State.ToWire(), t.Attempts.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(t.Worker ?? "-"), config is null ? "-" : Lr(config.MaxLr), Lr(config?.WeightDecay ?? rangeTest!.WeightDecay),
                (config?.BatchSize ?? rangeTest!.BatchSize).ToString(CultureInfo.InvariantCulture),
                config?.CycleEpochs.ToString(CultureInfo.InvariantCulture) ?? "-", t.EpochsCompleted.ToString(CultureInfo.InvariantCulture),
                t.Accuracy is double a ? Percent(a) : "-");
        }

        return table;
    }

    public static IRenderable Sweeps(IReadOnlyList<SweepListing> sweeps)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumns("sweep", "name", "state", "created");
        foreach (var s in sweeps)
        {
            table.AddRow(Markup.Escape(s.SweepId), Markup.Escape(s.Name), SweepJson.Wire(s.State), s.CreatedAt.ToString("u", CultureInfo.InvariantCulture));
        }

        return table;
    }

    /// <summary>Learning rates and weight decays: four significant digits, plain or scientific, whichever is shorter.</summary>
    public static string Lr(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    public static string Percent(double value) => value.ToString("0.00%", CultureInfo.InvariantCulture);
}
