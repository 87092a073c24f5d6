namespace SuperConvergence.Core.Trials;

/// <summary>
/// Everything one 1cycle training trial needs. The LR warms from MaxLr/DivFactor to MaxLr and anneals to
/// MaxLr/(DivFactor·FinalDivFactor) over CycleEpochs; momentum cycles the opposite way between
/// BaseMomentum and MaxMomentum. TrainImages/TestImages, when set, train and evaluate on a deterministic subset.
/// The one full description of a training trial from the strategy to the trainer: every later shape carries it whole,
/// none copies its fields.
/// </summary>
[GenerateSerializer(IncludePrimaryConstructorParameters = false)]
[Immutable]
[Alias("sc.TrialConfig")]
public sealed record TrialConfig(
    [property: Id(0)] string Dataset,
    [property: Id(1)] string Model,
    [property: Id(2)] double MaxLr,
    [property: Id(3)] double DivFactor,
    [property: Id(4)] double FinalDivFactor,
    [property: Id(5)] double WeightDecay,
    [property: Id(6)] int BatchSize,
    [property: Id(7)] int CycleEpochs,
    [property: Id(8)] double BaseMomentum,
    [property: Id(9)] double MaxMomentum,
    [property: Id(10)] int Seed,
    [property: Id(11)] int? TrainImages = null,
    [property: Id(12)] int? TestImages = null)
{
    /// <summary>The LR the cycle starts from.</summary>
    public double MinLr => MaxLr / DivFactor;

    /// <summary>The LR the cycle anneals to.</summary>
    public double FinalLr => MinLr / FinalDivFactor;
}
