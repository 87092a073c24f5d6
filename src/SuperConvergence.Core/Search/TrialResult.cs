namespace SuperConvergence.Core.Search;

/// <summary>
/// A finished trial, reported to the strategy exactly once. Accuracy is the final test accuracy of a training
/// trial (null for range tests and for trials that produced none); Curve is a range test's recorded curve.
/// A shape of its own so that strategies, in Core, see a trial's outcome without the cluster's types (attempts,
/// workers, checkpoints).
/// </summary>
public sealed record TrialResult(
    string TrialId,
    TrialProposal Proposal,
    TrialEnd End,
    double? Accuracy,
    double? Loss,
    int EpochsCompleted,
    IReadOnlyList<RangeTestPoint>? Curve = null)
{
    /// <summary>What a training run's outcome tells the strategy: completed with its final accuracy, or diverged.</summary>
    public static TrialResult OfTraining(string trialId, TrialProposal proposal, TrainingOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Status == TrialEnd.Completed && outcome.Last is { } last
            ? new TrialResult(trialId, proposal, TrialEnd.Completed, last.TestAccuracy, last.TestLoss, outcome.Epochs.Count)
            : new TrialResult(trialId, proposal, TrialEnd.Diverged, null, outcome.Last?.TestLoss, outcome.Epochs.Count);
    }

    /// <summary>What a range test's outcome tells the strategy: its curve.</summary>
    public static TrialResult OfRangeTest(string trialId, TrialProposal proposal, RangeTestOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new TrialResult(trialId, proposal, TrialEnd.Completed, null, null, 0, outcome.Points);
    }
}
