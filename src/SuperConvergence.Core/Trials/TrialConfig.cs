namespace SuperConvergence.Core.Trials;

/// <summary>
/// Everything one 1cycle training trial needs. The LR warms from MaxLr/DivFactor to MaxLr and anneals to
/// MaxLr/(DivFactor·FinalDivFactor) over CycleEpochs; momentum cycles the opposite way between
/// BaseMomentum and MaxMomentum. TrainImages/TestImages, when set, train and evaluate on a deterministic subset.
/// </summary>
public sealed record TrialConfig(
    string Dataset,
    string Model,
    double MaxLr,
    double DivFactor,
    double FinalDivFactor,
    double WeightDecay,
    int BatchSize,
    int CycleEpochs,
    double BaseMomentum,
    double MaxMomentum,
    int Seed,
    int? TrainImages = null,
    int? TestImages = null)
{
    /// <summary>The LR the cycle starts from.</summary>
    public double MinLr => MaxLr / DivFactor;
}
