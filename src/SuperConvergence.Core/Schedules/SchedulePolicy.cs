namespace SuperConvergence.Core.Schedules;

/// <summary>The LR policies a training run can use (`sc train --policy`).</summary>
public enum SchedulePolicy
{
    OneCycle,
    Cyclic,
    Constant,
    MultiStep,
    Cosine,
}

/// <summary>
/// Builds each policy from what a training run knows: a max LR, its length in steps and a momentum range. Choices
/// for the policies that have more knobs:
/// <list type="bullet">
/// <item>onecycle: PyTorch's defaults (warm-up 30 %, cos, max/25 → max → max/(25·1e4)), momentum max → base → max.</item>
/// <item>cyclic: triangular between max/25 and max with two full cycles over the run (step size = steps/4),
/// momentum cycling the opposite way.</item>
/// <item>constant, multistep (×0.1 at 50 % and 75 %), cosine (to 0): momentum fixed at the range's max.</item>
/// </list>
/// </summary>
public static class SchedulePolicies
{
    public static ITrainingSchedule Create(SchedulePolicy policy, double maxLr, int totalSteps, double baseMomentum, double maxMomentum) => policy switch
    {
        SchedulePolicy.OneCycle => new OneCycleSchedule(new OneCycleOptions(maxLr, totalSteps, BaseMomentum: baseMomentum, MaxMomentum: maxMomentum)),
        SchedulePolicy.Cyclic => new CyclicSchedule(new CyclicOptions(
            maxLr / 25, maxLr, totalSteps, StepSizeUp: Math.Max(1, totalSteps / 4), BaseMomentum: baseMomentum, MaxMomentum: maxMomentum)),
        SchedulePolicy.Constant => new ConstantSchedule(maxLr, maxMomentum, totalSteps),
        SchedulePolicy.MultiStep => MultiStepSchedule.Conventional(maxLr, maxMomentum, totalSteps),
        SchedulePolicy.Cosine => new CosineAnnealingSchedule(maxLr, maxMomentum, totalSteps),
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "unknown policy"),
    };

    /// <summary>The policy's name as the CLI spells it.</summary>
    public static string Name(SchedulePolicy policy) => policy.ToString().ToLowerInvariant();

    /// <summary>Reads a policy by its name, in any case; numbers are not names.</summary>
    public static bool TryParse(string name, out SchedulePolicy policy)
    {
        foreach (var candidate in Enum.GetValues<SchedulePolicy>())
        {
            if (string.Equals(Name(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                policy = candidate;
                return true;
            }
        }

        policy = default;
        return false;
    }
}
