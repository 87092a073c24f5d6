namespace SuperConvergence.Training.Training;

/// <summary>
/// A schedule to build once the run knows its length in steps; <see cref="Description"/> names it completely
/// (policy and parameters), so a checkpoint can refuse to resume under a different one.
/// </summary>
public sealed record ScheduleRecipe(string Description, Func<int, ITrainingSchedule> Build);

/// <summary>
/// Everything that determines one training run's result. A shape of its own because it is TorchSharp's side: any policy
/// (`sc train` compares 1cycle with step schedules), an optimizer and a model width, none of which a sweep's
/// <c>TrialConfig</c> varies; the torch trainer turns a trial's config into one.
/// </summary>
public sealed record TrainingPlan(
    string Dataset,
    string Model,
    OptimizerSettings Optimizer,
    ScheduleRecipe Schedule,
    int Epochs,
    int BatchSize,
    int Seed,
    double WidthMultiplier = 1.0,
    DataSelection? Data = null,
    int EvaluationBatchSize = 1000)
{
    public DataSelection Selection => Data ?? DataSelection.All;

    /// <summary>
    /// Identifies the run for checkpoint compatibility: same fingerprint, same trajectory. Invariant culture, so a
    /// checkpoint written on one machine resumes on another.
    /// </summary>
    public string Fingerprint => string.Create(
        CultureInfo.InvariantCulture,
        $"dataset={Dataset};model={Model};width={WidthMultiplier:R};optimizer={Optimizer};schedule={Schedule.Description};" +
        $"epochs={Epochs};batch={BatchSize};seed={Seed};train={Selection.TrainSubset};validation={Selection.ValidationCount};test={Selection.TestSubset}");

    /// <summary>Throws ArgumentException naming the first field that cannot work.</summary>
    public void Validate()
    {
        if (Epochs < 1)
        {
            throw new ArgumentException($"epochs must be at least 1, got {Epochs}", nameof(Epochs));
        }

        if (BatchSize < 2)
        {
            throw new ArgumentException($"batch size must be at least 2 (batch norm needs two samples), got {BatchSize}", nameof(BatchSize));
        }

        if (EvaluationBatchSize < 1)
        {
            throw new ArgumentException($"evaluation batch size must be at least 1, got {EvaluationBatchSize}", nameof(EvaluationBatchSize));
        }

        if (Optimizer.WeightDecay < 0 || !double.IsFinite(Optimizer.WeightDecay))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"weight decay must be a finite number ≥ 0, got {Optimizer.WeightDecay}"), nameof(Optimizer));
        }
    }
}
