namespace SuperConvergence.Grains.Hosting;

/// <summary>How the grains keep time: worker heartbeats and when a silent worker's lease is given up.</summary>
public sealed class SweepClusterOptions
{
    public static readonly TimeSpan DefaultHeartbeatInterval = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan DefaultLeaseTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A lease must outlast this many heartbeats: with fewer, one heartbeat delayed by a busy silo or a slow network
    /// would cost a healthy worker its trial.
    /// </summary>
    public const int MinHeartbeatsPerLease = 2;

    /// <summary>
    /// When only the lease timeout is chosen (`sc silo --lease-timeout`), workers heartbeat this many times per lease,
    /// and never less often than <see cref="DefaultHeartbeatInterval"/>.
    /// </summary>
    public const int HeartbeatsPerChosenLease = 8;

    /// <summary>How often a worker tells the queue it is alive.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = DefaultHeartbeatInterval;

    /// <summary>A lease whose worker has not heartbeated for this long is given up and its trial requeued.</summary>
    public TimeSpan LeaseTimeout { get; set; } = DefaultLeaseTimeout;

    /// <summary>Whether a lease of <paramref name="leaseTimeout"/> outlasts <see cref="MinHeartbeatsPerLease"/> heartbeats.</summary>
    public static bool LeaseOutlastsHeartbeats(TimeSpan leaseTimeout, TimeSpan heartbeatInterval) =>
        leaseTimeout >= MinHeartbeatsPerLease * heartbeatInterval;

    /// <summary>The heartbeat interval that goes with a lease timeout chosen alone (<see cref="HeartbeatsPerChosenLease"/>).</summary>
    public static TimeSpan HeartbeatIntervalFor(TimeSpan leaseTimeout) =>
        TimeSpan.FromTicks(Math.Min(DefaultHeartbeatInterval.Ticks, (leaseTimeout / HeartbeatsPerChosenLease).Ticks));

    /// <summary>
    /// How long a worker may be silent while membership still lists its silo as alive. Longer than LeaseTimeout:
    /// when one silo dies, messages between the live ones stall until membership declares it dead, and their
    /// workers must not lose their trials for that. A silo membership declares dead loses its leases at once.
    /// Unset: four times LeaseTimeout.
    /// </summary>
    public TimeSpan? LiveSiloLeaseTimeout { get; set; }

    internal TimeSpan EffectiveLiveSiloLeaseTimeout => LiveSiloLeaseTimeout ?? 4 * LeaseTimeout;

    /// <summary>
    /// How many trials a sweep keeps queued beyond its free slots, so a slot that frees up starts the next trial at
    /// once. Larger hides more coordinator latency; each one is a proposal made before the results that precede it
    /// in the queue are known (adaptive rounds and ASHA rungs still wait for their results).
    /// </summary>
    public int TrialsQueuedAhead { get; set; } = 4;

    /// <summary>
    /// The least time between two epoch reports of one trial. Epochs shorter than this are recorded in groups (every
    /// one of them), which keeps the writes per trial bounded however fast its epochs are; longer epochs are reported
    /// as each ends. A worker that dies loses the training after the newest recorded checkpoint: with epochs longer
    /// than this, the epoch in progress and at most the one whose report was under way; with shorter ones, up to this
    /// long of training besides (docs/cluster.md).
    /// </summary>
    public TimeSpan MinReportInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many of the best finished trials a sweep keeps ready for `sc sweep best`.</summary>
    public int BestTrialsKept { get; set; } = 1000;

    /// <summary>
    /// Whether a coordinator that becomes active wakes the sweeps that were running (a cluster's coordinators: a
    /// restart must not stop a sweep). An embedded `sc sweep run` sets false: a sweep its previous process left
    /// behind is interrupted and left alone, and resumes only on purpose (`--resume`).
    /// </summary>
    public bool ResumeRunningSweepsOnStart { get; set; } = true;
}

/// <summary>Rejects settings that would give up healthy leases or never notice dead workers.</summary>
public sealed class SweepClusterOptionsValidator : IValidateOptions<SweepClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, SweepClusterOptions options)
    {
        var failures = new List<string>();
        if (options.HeartbeatInterval <= TimeSpan.Zero)
        {
            failures.Add($"HeartbeatInterval: {options.HeartbeatInterval} must be positive");
        }

        if (!SweepClusterOptions.LeaseOutlastsHeartbeats(options.LeaseTimeout, options.HeartbeatInterval))
        {
            failures.Add($"LeaseTimeout: {options.LeaseTimeout} must be at least twice HeartbeatInterval ({options.HeartbeatInterval})");
        }

        if (options.LiveSiloLeaseTimeout is { } live && live < options.LeaseTimeout)
        {
            failures.Add($"LiveSiloLeaseTimeout: {live} must be at least LeaseTimeout ({options.LeaseTimeout})");
        }

        if (options.MinReportInterval < TimeSpan.Zero)
        {
            failures.Add($"MinReportInterval: {options.MinReportInterval} must not be negative");
        }

        if (options.TrialsQueuedAhead < 0)
        {
            failures.Add($"TrialsQueuedAhead: {options.TrialsQueuedAhead} must be 0 or more");
        }

        if (options.BestTrialsKept < 1)
        {
            failures.Add($"BestTrialsKept: {options.BestTrialsKept} must be at least 1");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
