namespace SuperConvergence.Grains.Sweeps;

/// <summary>
/// What one pump of the scheduler decided, for the coordinator to carry out once the state is written: the trials to
/// create and queue, whether the wall time was found spent just now, whether the sweep ended, and whether the sweep's
/// waiting trials must be withdrawn (past the wall time, while its running ones finish).
/// </summary>
internal sealed record SweepPump(
    IReadOnlyList<(string TrialId, TrialProposal Proposal)> Launched,
    bool WallTimeJustSpent,
    bool Ended,
    bool WithdrawQueued)
{
    /// <summary>The sweep is not running: nothing to do, nothing to write.</summary>
    public static SweepPump Idle { get; } = new([], false, false, false);

    public bool IsIdle => ReferenceEquals(this, Idle);
}
