namespace SuperConvergence.Core.Trials;

/// <summary>
/// How a trial ended: the one outcome type from the trainer to the strategy. A trainer's run ends Completed or Diverged
/// (a NaN/Inf loss is a result, not an error); the cluster adds Failed (an error) and Cancelled. The trial grain's
/// lifecycle state (TrialState) has a final state for each.
/// </summary>
public enum TrialEnd
{
    Completed,
    Diverged,
    Failed,
    Cancelled,
}
