using SuperConvergence.Grains.Hosting;

namespace SuperConvergence.Cli.Embedded;

/// <summary>
/// Runs one sweep to its end on an embedded cluster, with the live view, and prints the outcome; then
/// <c>afterwards</c>, when given, with the cluster still up (the demo's control run).
/// </summary>
public static class EmbeddedSweepRunner
{
    public static async Task<int> RunAsync(
        CliConsole console,
        SpecFile spec,
        OutputFormat format,
        string? dataDirectory,
        CancellationToken cancellationToken,
        Func<CliConsole, IGrainFactory, string, CancellationToken, Task>? afterwards = null,
        string? resume = null)
    {
        // maxConcurrentTrials (up to 100,000) limits the sweep across a cluster; the embedded cluster is one silo,
        // which offers at most WorkerSlotsOptions.MaxSlots slots: beyond that the sweep runs that many at once.
        var concurrent = spec.Spec.MaxConcurrentTrials;
        var slots = Math.Min(concurrent, WorkerSlotsOptions.MaxSlots);
        await using var cluster = await EmbeddedCluster.StartAsync(slots, dataDirectory, cancellationToken);
        await InterruptedSweeps.LeaveAloneAsync(console, cluster.Grains, spec, except: resume);
        var sweepId = resume ?? spec.NewSweepId();
        var sweep = cluster.Grains.GetGrain<ISweepGrain>(sweepId);
        if (resume is null)
        {
            await sweep.Start(spec.Text);
        }
        else
        {
            await InterruptedSweeps.ResumeAsync(console, cluster.Grains, spec, resume);
        }

        var slotsText = slots == concurrent
            ? $"{slots} slot(s)"
            : $"{slots} slot(s) (maxConcurrentTrials {concurrent}: one embedded silo runs at most {WorkerSlotsOptions.MaxSlots} trials at once)";
        var directory = Path.GetFullPath(cluster.Settings.DataDirectory ?? SuperConvergence.Training.Data.DataCache.DefaultDirectory());
        console.Error.WriteLine($"sweep {sweepId}: {spec.Spec.Strategy.ToString().ToLowerInvariant()} search, {slotsText}, embedded cluster in {directory}");

        var live = new SweepLiveView(format == OutputFormat.Json ? console with { IsTerminal = false, Out = console.Error } : console, TimeSpan.FromSeconds(1));
        var final = await live.FollowAsync(SweepLiveView.QueriesFor(cluster.Grains, sweepId), cancellationToken);
        if (!SweepLiveView.IsFinal(final))
        {
            // Interrupted: the embedded cluster goes away with this process, so the sweep cannot go on without it.
            await sweep.Cancel();
            console.Error.WriteLine($"interrupted: sweep {sweepId} cancelled");
            return ExitCodes.Failure;
        }

        var best = await sweep.GetBest(10);
        if (format == OutputFormat.Json)
        {
            console.Out.WriteLine(SweepJson.Status(await sweep.GetStatus(0, 100_000)));
        }
        else
        {
            SweepTables.ConsoleFor(console).Write(SweepTables.Best(best));

            // The sweep stays in the data directory's store, which the query commands read with nothing running. Not
            // with JSON: a script has the id in it, and stderr stays for what went wrong.
            console.Error.WriteLine($"query it: {QueryCommand(best.Count > 0 ? "best" : "status", sweepId, directory)}");
        }

        if (final.State == SweepState.Failed)
        {
            console.Error.WriteLine($"error: sweep {sweepId} failed: no training trial completed; the first failure was {final.FirstFailure}");
            console.Error.WriteLine("hint: `sc sweep status` and `sc trial show` give each trial's end and error");
            return ExitCodes.Failure;
        }

        if (final.State == SweepState.Completed && best.Count == 0)
        {
            // A sweep that ended without one finished training trial has nothing to recommend: not a success.
            var counts = string.Join(", ", final.CountsByName.Where(c => c.Value > 0).Select(c => $"{c.Value} {c.Key}"));
            console.Error.WriteLine($"error: sweep {sweepId} ended without a completed training trial ({counts}); nothing to recommend");
            console.Error.WriteLine(spec.Spec.Budget.WallTime is { } wallTime
                ? $"hint: its wall-time budget ({wallTime:g}) may have run out before any training trial finished; give it more time, or fewer or shorter range tests and trials"
                : "hint: `sc sweep status` and `sc trial show` give each trial's end and error");
            return ExitCodes.Failure;
        }

        if (afterwards is not null)
        {
            // The JSON on stdout is the sweep's status alone; anything after it is for people.
            await afterwards(format == OutputFormat.Json ? console with { IsTerminal = false, Out = console.Error } : console, cluster.Grains, sweepId, cancellationToken);
        }

        return ExitCodes.Ok;
    }

    /// <summary>The command that asks the data directory's store about the sweep, as the user would type it.</summary>
    internal static string QueryCommand(string query, string sweepId, string dataDirectory) =>
        $"sc sweep {query} {sweepId} --data-dir {StoreSweepQueries.Quote(dataDirectory)}";
}
