namespace SuperConvergence.Core.Schedules;

/// <summary>A constant LR and momentum: the baseline every policy is compared with.</summary>
public sealed class ConstantSchedule : ITrainingSchedule
{
    public ConstantSchedule(double lr, double momentum, int totalSteps)
    {
        Require.Positive("lr", lr);
        Require.Finite("momentum", momentum);
        Require.Steps("total_steps", totalSteps, minimum: 1);
        (Lr, Momentum, TotalSteps) = (lr, momentum, totalSteps);
    }

    public double Lr { get; }

    public double Momentum { get; }

    public int TotalSteps { get; }

    public ScheduleValue At(int step)
    {
        Require.InRange(this, step);
        return new ScheduleValue(Lr, Momentum);
    }
}

/// <summary>PyTorch's MultiStepLR: the LR is multiplied by gamma at each milestone step (the conventional "step" schedule).</summary>
public sealed class MultiStepSchedule : ITrainingSchedule
{
    private readonly int[] _milestones;

    public MultiStepSchedule(double lr, IReadOnlyList<int> milestones, double gamma, double momentum, int totalSteps)
    {
        Require.Positive("lr", lr);
        Require.Positive("gamma", gamma);
        Require.Finite("momentum", momentum);
        Require.Steps("total_steps", totalSteps, minimum: 1);
        ArgumentNullException.ThrowIfNull(milestones);
        for (var i = 0; i < milestones.Count; i++)
        {
            if (milestones[i] < 0 || (i > 0 && milestones[i] <= milestones[i - 1]))
            {
                throw new ScheduleSettingException("milestones", string.Join(',', milestones), "must be increasing steps >= 0");
            }
        }

        (Lr, Gamma, Momentum, TotalSteps, _milestones) = (lr, gamma, momentum, totalSteps, milestones.ToArray());
    }

    public double Lr { get; }

    public double Gamma { get; }

    public double Momentum { get; }

    public int TotalSteps { get; }

    public IReadOnlyList<int> Milestones => _milestones;

    /// <summary>The usual recipe: decay ×0.1 at 50 % and 75 % of training.</summary>
    public static MultiStepSchedule Conventional(double lr, double momentum, int totalSteps) =>
        new(lr, [totalSteps / 2, (int)(totalSteps * 3L / 4)], 0.1, momentum, totalSteps);

    public ScheduleValue At(int step)
    {
        Require.InRange(this, step);
        var passed = 0;
        while (passed < _milestones.Length && _milestones[passed] <= step)
        {
            passed++;
        }

        return new ScheduleValue(Lr * Math.Pow(Gamma, passed), Momentum);
    }
}

/// <summary>PyTorch's CosineAnnealingLR in closed form with T_max = total steps: max_lr down to eta_min along half a cosine.</summary>
public sealed class CosineAnnealingSchedule : ITrainingSchedule
{
    public CosineAnnealingSchedule(double maxLr, double momentum, int totalSteps, double etaMin = 0)
    {
        Require.Positive("max_lr", maxLr);
        Require.NonNegative("eta_min", etaMin);
        Require.Finite("momentum", momentum);
        Require.Steps("total_steps", totalSteps, minimum: 1);
        (MaxLr, Momentum, TotalSteps, EtaMin) = (maxLr, momentum, totalSteps, etaMin);
    }

    public double MaxLr { get; }

    public double EtaMin { get; }

    public double Momentum { get; }

    public int TotalSteps { get; }

    public ScheduleValue At(int step)
    {
        Require.InRange(this, step);
        return new ScheduleValue(EtaMin + (MaxLr - EtaMin) * (1 + Math.Cos(Math.PI * step / TotalSteps)) / 2, Momentum);
    }
}
