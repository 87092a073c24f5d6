namespace SuperConvergence.Core.Trials;

/// <summary>
/// Where a simulated run's LR is during its cycle: Core's 1cycle schedule (PyTorch OneCycleLR's values) for the
/// config, over nominal steps per epoch.
/// </summary>
internal sealed class CycleShape(TrialConfig config, int stepsPerEpoch)
{
    private readonly OneCycleSchedule _schedule = CyclePlan.ScheduleOf(config, stepsPerEpoch);

    public double LearningRateAtEndOf(int epoch) => _schedule.At(epoch * stepsPerEpoch - 1).LearningRate;

    /// <summary>Where the cycle stands after the last step of <paramref name="epoch"/>: what a trainer without steps of its own reports as its step.</summary>
    public TrainingStep StepAtEndOf(int epoch)
    {
        var setting = _schedule.At(epoch * stepsPerEpoch - 1);
        return new TrainingStep((long)epoch * stepsPerEpoch, (long)config.CycleEpochs * stepsPerEpoch, epoch, setting.LearningRate, setting.Momentum);
    }

    /// <summary>The first epoch in which some step's LR exceeds <paramref name="threshold"/>; null if none does.</summary>
    public int? FirstEpochAbove(double threshold)
    {
        if (config.MaxLr <= threshold)
        {
            return null;
        }

        // The LR rises monotonically to its peak (MaxLr, above the threshold), so bisect the warm-up for the crossing.
        var (low, high) = (0, PeakStep);
        while (low < high)
        {
            var middle = (low + high) / 2;
            (low, high) = _schedule.At(middle).LearningRate > threshold ? (low, middle) : (middle + 1, high);
        }

        return low / stepsPerEpoch + 1;
    }

    /// <summary>The first step at or after the warm-up's end (pct_start·T − 1), where the LR is at its peak.</summary>
    private int PeakStep => (int)Math.Ceiling(_schedule.Options.PctStart * _schedule.TotalSteps - 1);
}
