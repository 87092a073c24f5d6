namespace SuperConvergence.Core.Trials;

/// <summary>
/// Where a training trial's 1cycle is planned to be at the end of each epoch: the schedule the trainers follow
/// (PyTorch OneCycleLR's shape for the trial's config) over nominal steps per epoch. Trainers report the LR they used
/// but not the momentum, which the schedule determines; live views compare the reported LR with the plan.
/// </summary>
public sealed class CyclePlan
{
    /// <summary>
    /// Steps per epoch of the nominal schedule: the real count depends on the dataset and batch size, which the
    /// worker does not know; at epoch ends the shape is the same to within one step's change in LR.
    /// </summary>
    public const int NominalStepsPerEpoch = 1000;

    private readonly OneCycleSchedule _schedule;

    public CyclePlan(TrialConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        CycleEpochs = config.CycleEpochs;
        _schedule = ScheduleOf(config, NominalStepsPerEpoch);
    }

    /// <summary>The trial's 1cycle, step by step, over <paramref name="stepsPerEpoch"/> steps in each of its epochs.</summary>
    public static OneCycleSchedule ScheduleOf(TrialConfig config, int stepsPerEpoch)
    {
        ArgumentNullException.ThrowIfNull(config);
        return ScheduleOver(config, config.CycleEpochs * stepsPerEpoch);
    }

    /// <summary>The trial's 1cycle, step by step, over <paramref name="totalSteps"/> steps in all.</summary>
    public static OneCycleSchedule ScheduleOver(TrialConfig config, int totalSteps)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new OneCycleSchedule(new OneCycleOptions(
            config.MaxLr,
            totalSteps,
            DivFactor: config.DivFactor,
            FinalDivFactor: config.FinalDivFactor,
            BaseMomentum: config.BaseMomentum,
            MaxMomentum: config.MaxMomentum));
    }

    public int CycleEpochs { get; }

    /// <summary>The planned LR and momentum at the last step of <paramref name="epoch"/> (from 1, clamped to the cycle).</summary>
    public ScheduleValue AtEndOf(int epoch) => _schedule.At((Math.Clamp(epoch, 1, CycleEpochs) * NominalStepsPerEpoch) - 1);

    /// <summary>
    /// The planned LR and momentum at the step that ends <paramref name="cycleFraction"/> of the cycle (clamped to
    /// [0, 1]; the first step before any): where a trainer with its own step count should be.
    /// </summary>
    public ScheduleValue After(double cycleFraction)
    {
        var total = _schedule.TotalSteps;
        var step = (long)Math.Round(Math.Clamp(double.IsNaN(cycleFraction) ? 0 : cycleFraction, 0, 1) * total) - 1;
        return _schedule.At((int)Math.Clamp(step, 0, total - 1));
    }
}
