namespace SuperConvergence.Grains.Sweeps;

/// <summary>What an unfinished trial of a restarted coordinator's state needs done with its grain.</summary>
internal enum SweepReconciliation
{
    /// <summary>Nothing: applied (it had finished), kept for a resume (interrupted sweep), or left to the next withdrawal (past the wall time).</summary>
    None,

    /// <summary>Written but never created: create it; past the wall time the next pump withdraws and cancels it.</summary>
    Create,

    /// <summary>Written but never created: create and queue it.</summary>
    CreateAndQueue,

    /// <summary>Queue it again (the queue ignores one it holds).</summary>
    Queue,

    /// <summary>The sweep has ended: stop it.</summary>
    Cancel,
}
