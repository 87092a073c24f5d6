using Spectre.Console;
using SuperConvergence.Core.Search;

namespace SuperConvergence.Cli.Commands;

/// <summary>`sc trial show ID`: one trial's config, attempts and per-epoch history; `sc trial watch ID`: its curve as it grows.</summary>
public static class TrialCommand
{
    public static Command Create(CliConsole console)
    {
        var trial = new Command("trial", "Inspect single trials.\n\nExample:\n  sc trial show fmnist-20261122-0a1b-000042");
        var show = new Command("show", $"A trial's config, state, attempts and per-epoch history.{SweepCommand.StoreNote}\n\nExamples:\n  sc trial show fmnist-20261122-0a1b-000042 --gateway 127.0.0.1:30000 --format json\n  sc trial show simulated-quick-20261205-114317-a840-000042 --data-dir /tmp/sweeps");
        var id = new Argument<string>("ID") { Description = "The trial id (sweep id, a dash, the trial number)" };
        var format = OutputFormats.Option(OutputFormat.Table, OutputFormat.Json, OutputFormat.Csv);
        var source = new SweepQueryOptions(console);
        show.Arguments.Add(id);
        show.Options.Add(format);
        source.AddTo(show);
        show.SetAction(async (parse, ct) =>
        {
            await using var queries = await source.OpenAsync(parse, ct);
            var view = await queries.TrialAsync(parse.GetValue(id)!);

            var chosen = OutputFormats.Parse(parse.GetValue(format)!);
            if (chosen == OutputFormat.Json)
            {
                console.Out.WriteLine(TrialJson.Show(view));
            }
            else if (chosen == OutputFormat.Csv)
            {
                // One row per epoch: the history is what a spreadsheet wants of a trial.
                SweepCsv.Write(console.Out, SweepCsv.EpochHeader, view.Epochs, SweepCsv.EpochRow);
            }
            else
            {
                Render(SweepTables.ConsoleFor(console), view);
            }

            return ExitCodes.Ok;
        });
        trial.Subcommands.Add(show);
        trial.Subcommands.Add(Watch(console));
        return trial;
    }

    private static Command Watch(CliConsole console)
    {
        var command = new Command("watch", "Follow a running trial's curve: a line per recorded epoch (LR against its 1cycle plan, momentum, losses, accuracy, throughput) or per range-test progress report, until the trial ends. Ctrl-C stops watching and leaves the trial running.\n\nExample:\n  sc trial watch fmnist-20261122-0a1b-000042");
        var id = new Argument<string>("ID") { Description = "The trial id (sweep id, a dash, the trial number)" };
        var refresh = CommonOptions.Refresh("Seconds between looks");
        var cluster = new ClusterConnectionOptions();
        command.Arguments.Add(id);
        command.Options.Add(refresh);
        cluster.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var interval = CommonOptions.ResolveRefresh(parse, refresh);

            await using var queries = new ClusterSweepQueries(await cluster.ConnectAsync(parse, ct));
            var trialId = parse.GetValue(id)!;
            await new TrialWatch(console.Out, interval, TimeProvider.System).FollowAsync(() => queries.TrialAsync(trialId), ct);
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static void Render(IAnsiConsole ansi, TrialView view)
    {
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("trial", Markup.Escape(view.TrialId));
        grid.AddRow("kind", view.Kind is { } kind ? kind.ToWire() : "-");
        grid.AddRow("state", view.State.ToWire());
        grid.AddRow("attempts", $"{view.Attempts}{(view.ResumedFromEpoch is int r ? $" (resumed after epoch {r}{(view.ResumedFromStep is int s ? $" and {s} steps of the next" : "")})" : "")}");
        grid.AddRow("worker", Markup.Escape(view.Worker ?? "-"));
        if (view.Definition?.Proposal is TrainingProposal { Config: var c })
        {
            grid.AddRow("config", Markup.Escape($"{c.Model} on {c.Dataset}: max LR {SweepTables.Lr(c.MaxLr)}, min LR {SweepTables.Lr(c.MinLr)}, wd {SweepTables.Lr(c.WeightDecay)}, batch {c.BatchSize}, {c.CycleEpochs}-epoch cycle, momentum {c.MaxMomentum}→{c.BaseMomentum}"));
        }
        else if (view.Definition?.Proposal is RangeTestProposal { Config: var rt })
        {
            grid.AddRow("range test", Markup.Escape($"{rt.Model} on {rt.Dataset}: LR {SweepTables.Lr(rt.StartLr)}→{SweepTables.Lr(rt.EndLr)} over {rt.Iterations} iterations, wd {SweepTables.Lr(rt.WeightDecay)}, batch {rt.BatchSize}"));
        }

        if (view.Hessian is { } estimate)
        {
            grid.AddRow("hessian-free LR", Markup.Escape(HessianFreeTable.Estimate(estimate)));
            grid.AddRow("  layers", Markup.Escape(HessianFreeTable.Layers(estimate)));
        }

        grid.AddRow("accuracy", view.Accuracy is double a ? SweepTables.Percent(a) : "-");
        if (view.Error is not null)
        {
            grid.AddRow("error", Markup.Escape(view.Error));
        }

        ansi.Write(grid);
        if (view.Epochs.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).Title("epochs");
            table.AddColumns("epoch", "train loss", "test loss", "test accuracy", "LR at end", "images/s");
            foreach (var e in view.Epochs)
            {
                table.AddRow(
                    e.Epoch.ToString(CultureInfo.InvariantCulture), e.TrainLoss.ToString("0.0000", CultureInfo.InvariantCulture),
                    e.TestLoss.ToString("0.0000", CultureInfo.InvariantCulture), SweepTables.Percent(e.TestAccuracy),
                    SweepTables.Lr(e.LearningRate), e.ImagesPerSecond.ToString("0", CultureInfo.InvariantCulture));
            }

            ansi.Write(table);
        }
    }
}
