namespace SuperConvergence.Core.Trials.Simulated;

/// <summary>
/// Where a simulated run's LR is during its cycle: OneCycleLR's default shape (30% cosine warm-up from
/// MaxLr/DivFactor to MaxLr, cosine anneal to MinLr/FinalDivFactor) over nominal steps.
/// </summary>
internal sealed class CycleShape(TrialConfig config, int stepsPerEpoch)
{
    private const double WarmUpShare = 0.3;

    private int TotalSteps => config.CycleEpochs * stepsPerEpoch;

    public double LearningRateAtEndOf(int epoch) => At(epoch * stepsPerEpoch - 1);

    /// <summary>The first epoch in which some step's LR exceeds <paramref name="threshold"/>; null if none does.</summary>
    public int? FirstEpochAbove(double threshold)
    {
        if (config.MaxLr <= threshold)
        {
            return null;
        }

        // The LR rises monotonically to its peak, so the first crossing is in the warm-up: bisect on the step.
        var (low, high) = (0, PeakStep);
        while (low < high)
        {
            var middle = (low + high) / 2;
            (low, high) = At(middle) > threshold ? (low, middle) : (middle + 1, high);
        }

        return low / stepsPerEpoch + 1;
    }

    private int PeakStep => (int)Math.Floor(WarmUpShare * TotalSteps - 1);

    private double At(int step)
    {
        var initial = config.MaxLr / config.DivFactor;
        var final = initial / config.FinalDivFactor;
        var peak = WarmUpShare * TotalSteps - 1;
        return step <= peak
            ? Cosine(initial, config.MaxLr, step / peak)
            : Cosine(config.MaxLr, final, (step - peak) / (TotalSteps - 1 - peak));
    }

    private static double Cosine(double from, double to, double fraction) =>
        to + (from - to) / 2 * (1 + Math.Cos(Math.PI * Math.Clamp(fraction, 0, 1)));
}
