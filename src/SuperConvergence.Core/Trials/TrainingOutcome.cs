namespace SuperConvergence.Core.Trials;

/// <summary>
/// The result of a training run: Completed or Diverged (a NaN/Inf loss is a result, not an error), and the epochs this
/// call ran (a resumed run starts after its checkpoint).
/// </summary>
public sealed record TrainingOutcome(TrialEnd Status, IReadOnlyList<EpochMetrics> Epochs)
{
    public EpochMetrics? Last => Epochs.Count == 0 ? null : Epochs[^1];
}

/// <summary>
/// The recorded curve of a range test; Diverged when it stopped early on a blown-up loss. Hessian: the Hessian-free LR
/// estimate, when the config asked for one and the trainer makes it (null otherwise).
/// </summary>
public sealed record RangeTestOutcome(IReadOnlyList<RangeTestPoint> Points, bool Diverged, HessianFreeEstimate? Hessian = null);
