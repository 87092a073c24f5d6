namespace SuperConvergence.Cli.Training;

/// <summary>
/// The one JSON object `sc train` ends with. Test and validation metrics are those of the last epoch (validation
/// null without a carved split); a diverged run has none (null), since the weights that produced them no longer exist.
/// </summary>
public sealed record TrainingSummary(
    string Status,
    int Epochs,
    double? TestAccuracy,
    double? TestLoss,
    double? TrainLoss,
    double? ValidationAccuracy,
    double? ValidationLoss,
    double? ImagesPerSecond,
    string Dataset,
    string Model,
    string Policy,
    double MaxLr,
    int BatchSize,
    double WeightDecay,
    int Seed,
    string Device,
    int? ResumedFromEpoch,
    double Seconds,
    IReadOnlyList<EpochMetrics> History)
{
    /// <summary>One compact line (not indented like the other documents): the last line of `sc train`'s output.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, CliJsonContext.Default.TrainingSummary);

    /// <summary>
    /// Epochs counts every completed epoch of the run, including those before a resume. A resume with nothing left
    /// to train reports <paramref name="resumedMetrics"/>, the metrics saved with the checkpoint it resumed from.
    /// </summary>
    public static TrainingSummary From(
        TrainingOutcome outcome, int resumedFromEpoch, EpochMetrics? resumedMetrics, TrainingPlan plan, string policy, double maxLr, string device, double seconds)
    {
        var completed = outcome.Status == TrialEnd.Completed;
        var last = completed ? outcome.Last ?? resumedMetrics : null;
        var throughput = outcome.Epochs.Count == 0 ? (double?)null : outcome.Epochs.Average(e => e.ImagesPerSecond);
        return new TrainingSummary(
            completed ? "completed" : "diverged",
            resumedFromEpoch + outcome.Epochs.Count,
            last?.TestAccuracy,
            last?.TestLoss,
            last?.TrainLoss,
            last?.ValidationAccuracy,
            last?.ValidationLoss,
            throughput,
            plan.Dataset,
            plan.Model,
            policy,
            maxLr,
            plan.BatchSize,
            plan.Optimizer.WeightDecay,
            plan.Seed,
            device,
            resumedFromEpoch > 0 ? resumedFromEpoch : null,
            Math.Round(seconds, 3),
            outcome.Epochs);
    }
}
