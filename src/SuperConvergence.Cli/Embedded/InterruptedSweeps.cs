namespace SuperConvergence.Cli.Embedded;

/// <summary>
/// Sweeps an earlier `sc sweep run` on the same data directory left unfinished (its process was killed): never resumed
/// silently. The embedded silo has interrupted them before its worker slots started (SweepResumeService: their work
/// left the queue, their trials and checkpoints stay); here each is named on stderr with the command that continues
/// it, and `--resume ID` continues one on purpose.
/// </summary>
internal static class InterruptedSweeps
{
    public static async Task LeaveAloneAsync(CliConsole console, IGrainFactory grains, SpecFile spec, string? except)
    {
        var listed = await grains.GetGrain<ISweepCatalogGrain>(0).List();
        foreach (var left in listed.Where(s => s.State == SweepState.Interrupted && s.SweepId != except))
        {
            var status = await grains.GetGrain<ISweepGrain>(left.SweepId).GetStatus(0, 0);
            console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"sweep {left.SweepId} ({left.Name}, started {left.CreatedAt:yyyy-MM-dd HH:mm:ss}Z) was interrupted with {Finished(status)} of {status.TotalTrials} trials finished; left alone. To continue it: {ResumeCommand(spec, left)}"));
        }
    }

    /// <summary>Resumes <paramref name="sweepId"/> on purpose; bad input when it is not an unfinished sweep of this spec.</summary>
    public static async Task ResumeAsync(CliConsole console, IGrainFactory grains, SpecFile spec, string sweepId)
    {
        var listing = (await grains.GetGrain<ISweepCatalogGrain>(0).List()).FirstOrDefault(s => s.SweepId == sweepId)
            ?? throw CliException.BadInput("--resume", sweepId, "is not a sweep of this data directory", "`sc sweep run` names the sweeps it left unfinished when it starts");
        if (listing.State != SweepState.Interrupted)
        {
            throw CliException.BadInput("--resume", sweepId, $"has already ended ({SweepJson.Wire(listing.State)}); nothing to resume");
        }

        if (listing.Name != spec.Spec.Name)
        {
            throw CliException.BadInput("--resume", sweepId, $"is a sweep of spec '{listing.Name}', not of {spec.Path} ('{spec.Spec.Name}')");
        }

        var status = await grains.GetGrain<ISweepGrain>(sweepId).ResumeInterrupted();
        console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"sweep {sweepId}: resumed on purpose with {Finished(status)} of {status.TotalTrials} trials finished; the unfinished ones continue from their last checkpoints"));
    }

    /// <summary>The command that continues <paramref name="left"/>: with this spec's file when the sweep is one of its, else with SPEC named.</summary>
    private static string ResumeCommand(SpecFile spec, SweepListing left) =>
        left.Name == spec.Spec.Name && File.Exists(spec.Path)
            ? $"sc sweep run {Quote(spec.Path)} --resume {left.SweepId}"
            : $"sc sweep run SPEC --resume {left.SweepId}, SPEC being its spec (name '{left.Name}')";

    private static int Finished(SweepStatus status) => status.Counts.Where(c => c.Key.IsFinal()).Sum(c => c.Value);

    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"'{path}'" : path;
}
