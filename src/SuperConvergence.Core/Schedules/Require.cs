namespace SuperConvergence.Core.Schedules;

/// <summary>Argument checks shared by the schedules and the range-test plan; each names the field as PyTorch spells it.</summary>
internal static class Require
{
    public static void Positive(string field, double value)
    {
        Finite(field, value);
        if (value <= 0)
        {
            throw new ScheduleSettingException(field, value, "must be > 0");
        }
    }

    public static void NonNegative(string field, double value)
    {
        Finite(field, value);
        if (value < 0)
        {
            throw new ScheduleSettingException(field, value, "must be >= 0");
        }
    }

    public static void Finite(string field, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ScheduleSettingException(field, value, "must be a finite number");
        }
    }

    public static void Steps(string field, int value, int minimum = 2)
    {
        if (value < minimum)
        {
            throw new ScheduleSettingException(field, value, $"must be at least {minimum}");
        }
    }

    public static void Momentum(double baseMomentum, double maxMomentum)
    {
        Finite("base_momentum", baseMomentum);
        Finite("max_momentum", maxMomentum);
        if (baseMomentum is < 0 or >= 1)
        {
            throw new ScheduleSettingException("base_momentum", baseMomentum, "must be in [0, 1)");
        }

        if (maxMomentum is < 0 or >= 1)
        {
            throw new ScheduleSettingException("max_momentum", maxMomentum, "must be in [0, 1)");
        }

        if (maxMomentum < baseMomentum)
        {
            throw new ScheduleSettingException("max_momentum", maxMomentum, $"must be >= base_momentum ({baseMomentum.ToString("R", CultureInfo.InvariantCulture)})");
        }
    }

    public static void InRange(ITrainingSchedule schedule, int step)
    {
        if (step < 0 || step >= schedule.TotalSteps)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, $"step must be in [0, {schedule.TotalSteps - 1}]");
        }
    }
}
