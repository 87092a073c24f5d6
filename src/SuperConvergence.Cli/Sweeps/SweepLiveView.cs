using Spectre.Console;
using Spectre.Console.Rendering;
using SuperConvergence.Core.Search;

namespace SuperConvergence.Cli.Sweeps;

/// <summary>
/// Follows a sweep until it ends (or the token is cancelled): a live table at a terminal, one plain line per change
/// otherwise. It only reads: stopping the view (Ctrl-C) leaves the sweep running.
/// </summary>
public sealed class SweepLiveView(CliConsole console, TimeSpan refresh)
{
    public const int ActiveRows = 12;
    public const int BestRows = 5;

    public delegate Task<SweepStatus> StatusQuery(CancellationToken cancellationToken);

    public delegate Task<IReadOnlyList<BestTrial>> BestQuery(CancellationToken cancellationToken);

    public delegate Task<IReadOnlyList<TrialSummary>> ActiveQuery(CancellationToken cancellationToken);

    /// <summary>The three questions the view asks, each answered by the coordinator without scanning all trials.</summary>
    public sealed record Queries(StatusQuery Status, ActiveQuery Active, BestQuery Best);

    public static Queries QueriesFor(IGrainFactory grains, string sweepId)
    {
        var sweep = grains.GetGrain<Abstractions.Grains.ISweepGrain>(sweepId);
        return new Queries(_ => sweep.GetStatus(0, 0), _ => sweep.GetActiveTrials(ActiveRows), _ => sweep.GetBest(BestRows));
    }

    /// <summary>Returns the last status seen.</summary>
    public async Task<SweepStatus> FollowAsync(Queries queries, CancellationToken cancellationToken)
    {
        if (!console.AllowsDecoration)
        {
            return await FollowPlainAsync(queries, cancellationToken);
        }

        var ansi = SweepTables.ConsoleFor(console);
        var view = await View.ReadAsync(queries);
        await ansi.Live(Render(view.Status, view.Active, view.Best)).AutoClear(false).StartAsync(async live =>
        {
            while (!IsFinal(view.Status) && !cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(refresh, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                view = await View.ReadAsync(queries);
                live.UpdateTarget(Render(view.Status, view.Active, view.Best));
            }
        });
        return view.Status;
    }

    /// <summary>One reading, written once (the table at a terminal, the plain line otherwise): `sc sweep watch --once`.</summary>
    public async Task<SweepStatus> ShowOnceAsync(Queries queries)
    {
        var view = await View.ReadAsync(queries);
        if (console.AllowsDecoration)
        {
            SweepTables.ConsoleFor(console).Write(Render(view.Status, view.Active, view.Best));
        }
        else
        {
            console.Out.WriteLine(Line(view.Status, view.Best));
            foreach (var trial in view.Active.Where(HasProgress))
            {
                console.Out.WriteLine(TrialLine(trial));
            }
        }

        return view.Status;
    }

    /// <summary>Nothing more will happen without someone acting: ended, or interrupted (resumed only on purpose).</summary>
    public static bool IsFinal(SweepStatus status) => status.State is not (SweepState.Running or SweepState.NotStarted);

    /// <summary>The whole view: summary, the trials running or waiting, the best so far.</summary>
    public static IRenderable Render(SweepStatus status, IReadOnlyList<TrialSummary> active, IReadOnlyList<BestTrial> best)
    {
        var rows = new List<IRenderable> { SweepTables.Summary(status), ActiveTable(status.SweepId, active) };
        if (best.Count > 0)
        {
            rows.Add(SweepTables.Best(best.Take(BestRows).ToList()));
        }

        return new Rows(rows);
    }

    /// <summary>The one-line form used when output is not a terminal.</summary>
    public static string Line(SweepStatus status, IReadOnlyList<BestTrial> best)
    {
        var counts = string.Join(" ", status.CountsByName.Where(c => c.Value > 0).Select(c => $"{c.Key}={c.Value}"));
        var top = best.Count > 0 ? $" best={SweepTables.Percent(best[0].Accuracy)} (max LR {SweepTables.Lr(best[0].MaxLr)}, wd {SweepTables.Lr(best[0].WeightDecay)})" : "";
        return $"{SweepJson.Wire(status.State)} {status.Phase} round={status.Round} bounds={SweepTables.Lr(status.Bounds.Min)}..{SweepTables.Lr(status.Bounds.Max)} trials={status.TotalTrials} {counts} trial-epochs={status.TrialEpochsUsed}{top}";
    }

    /// <summary>Whether a trial has recorded an epoch or, for a range test, reported progress.</summary>
    public static bool HasProgress(TrialSummary trial) => Progress(trial) is not null;

    /// <summary>The plain line of one trial's newest epoch or range-test progress (a trial that <see cref="HasProgress"/>).</summary>
    public static string TrialLine(TrialSummary trial)
    {
        if (trial.LatestEpoch is null && trial.RangeTestProgress is { } progress)
        {
            var accuracy = progress.Accuracy is double a ? $" accuracy={SweepTables.Percent(a)}" : "";
            return $"trial {trial.TrialId} {trial.State.ToWire()} range-test iteration={Iterations(progress)} lr={SweepTables.Lr(progress.LearningRate)} loss={Loss(progress.Loss)}{accuracy}";
        }

        var epoch = trial.LatestEpoch!;
        var of = trial.Config is { } config ? $"/{config.CycleEpochs.ToString(CultureInfo.InvariantCulture)}" : "";
        return $"trial {trial.TrialId} {trial.State.ToWire()} epoch={epoch.Epoch.ToString(CultureInfo.InvariantCulture)}{of} train-loss={Loss(epoch.TrainLoss)} test-loss={Loss(epoch.TestLoss)} test-accuracy={SweepTables.Percent(epoch.TestAccuracy)}";
    }

    private async Task<SweepStatus> FollowPlainAsync(Queries queries, CancellationToken cancellationToken)
    {
        string? last = null;
        string? boundsSource = null;
        // The newest epoch (or range-test progress) printed per trial: a line goes out when it changes.
        var lastShown = new Dictionary<string, object>(StringComparer.Ordinal);
        while (true)
        {
            var (current, active, top) = await View.ReadAsync(queries);
            var line = Line(current, top);
            if (line != last)
            {
                WriteStamped(line);
                last = line;
            }

            if (current.BoundsSource is { } source && source != boundsSource)
            {
                WriteStamped($"bounds from {source}");
                boundsSource = source;
            }

            foreach (var trial in active)
            {
                if (Progress(trial) is { } progress && (!lastShown.TryGetValue(trial.TrialId, out var shown) || !shown.Equals(progress)))
                {
                    WriteStamped(TrialLine(trial));
                    lastShown[trial.TrialId] = progress;
                }
            }

            // Only the active trials can change; the rest would pile up over a long sweep.
            foreach (var gone in lastShown.Keys.Except(active.Select(t => t.TrialId), StringComparer.Ordinal).ToList())
            {
                lastShown.Remove(gone);
            }

            if (IsFinal(current) || cancellationToken.IsCancellationRequested)
            {
                return current;
            }

            try
            {
                await Task.Delay(refresh, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return current;
            }
        }
    }

    private void WriteStamped(string line) =>
        console.Out.WriteLine($"[{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}] {line}");

    /// <summary>One reading of the sweep. Queries run to completion even when the view is being stopped.</summary>
    private sealed record View(SweepStatus Status, IReadOnlyList<TrialSummary> Active, IReadOnlyList<BestTrial> Best)
    {
        public static async Task<View> ReadAsync(Queries queries) => new(
            await queries.Status(CancellationToken.None),
            await queries.Active(CancellationToken.None),
            await queries.Best(CancellationToken.None));
    }

    /// <summary>
    /// The trials running or waiting, with the newest epoch's losses and test accuracy; a range test's row shows its
    /// iterations as the bar, the LR its ramp has reached as its max LR and its newest loss as the train loss. Trial ids
    /// are shortened to the part after the sweep id (shown above) so the table fits 140 columns.
    /// </summary>
    private static Table ActiveTable(string sweepId, IReadOnlyList<TrialSummary> active)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("active trials");
        table.AddColumns("trial", "kind", "state", "worker", "max LR", "wd", "batch", "epochs", "train loss", "test loss", "test acc", "attempts");
        var prefix = sweepId + "-";
        var shorten = active.All(t => t.TrialId.StartsWith(prefix, StringComparison.Ordinal));
        foreach (var t in active)
        {
            var config = t.Config;
            var rangeTest = t.RangeTestConfig;
            var epoch = t.LatestEpoch;
            var progress = t.RangeTestProgress;
            table.AddRow(
                Markup.Escape(shorten ? "…-" + t.TrialId[prefix.Length..] : t.TrialId), t.Kind.ToWire(), t.State.ToWire(), Markup.Escape(t.Worker ?? "-"),
                config is not null ? SweepTables.Lr(config.MaxLr) : progress is null ? "-" : SweepTables.Lr(progress.LearningRate),
                SweepTables.Lr(config?.WeightDecay ?? rangeTest!.WeightDecay),
                (config?.BatchSize ?? rangeTest!.BatchSize).ToString(CultureInfo.InvariantCulture),
                config is not null ? Bar(t.EpochsCompleted, config.CycleEpochs) : $"{Bar(progress?.Iterations ?? 0, rangeTest!.Iterations, RangeTestBarWidth)} it",
                epoch is not null ? Loss(epoch.TrainLoss) : progress is null ? "-" : Loss(progress.Loss), epoch is null ? "-" : Loss(epoch.TestLoss),
                epoch is null ? "-" : SweepTables.Percent(epoch.TestAccuracy), t.Attempts.ToString(CultureInfo.InvariantCulture));
        }

        if (active.Count == 0)
        {
            table.AddRow("-", "", "", "", "", "", "", "", "", "", "", "");
        }

        return table;
    }

    private static object? Progress(TrialSummary trial) => (object?)trial.LatestEpoch ?? trial.RangeTestProgress;

    private static string Iterations(RangeTestProgress progress) =>
        string.Create(CultureInfo.InvariantCulture, $"{progress.Iterations}/{progress.PlannedIterations}");

    private static string Loss(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>A range test's bar is shorter than an epoch bar: its counts are longer, and the table must fit 140 columns.</summary>
    private const int RangeTestBarWidth = 4;

    private static string Bar(int done, int total, int width = 10)
    {
        var filled = total <= 0 ? 0 : (int)Math.Round(width * Math.Clamp(done / (double)total, 0, 1));
        return $"{new string('█', filled)}{new string('░', width - filled)} {done}/{total}";
    }
}
