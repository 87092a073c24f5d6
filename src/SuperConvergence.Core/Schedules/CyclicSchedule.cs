namespace SuperConvergence.Core.Schedules;

/// <summary>How the amplitude of a cyclical LR changes from cycle to cycle (PyTorch CyclicLR's modes).</summary>
public enum CyclicMode
{
    /// <summary>Constant amplitude.</summary>
    Triangular,

    /// <summary>Amplitude halves each cycle: scale = 1 / 2^(cycle − 1).</summary>
    Triangular2,

    /// <summary>Amplitude decays with every iteration: scale = gamma^iteration.</summary>
    ExpRange,
}

/// <summary>The arguments of PyTorch's CyclicLR (step_size_down defaults to step_size_up), plus the schedule's length.</summary>
public sealed record CyclicOptions(
    double BaseLr,
    double MaxLr,
    int TotalSteps,
    int StepSizeUp = 2000,
    int? StepSizeDown = null,
    CyclicMode Mode = CyclicMode.Triangular,
    double Gamma = 1.0,
    bool CycleMomentum = true,
    double BaseMomentum = 0.8,
    double MaxMomentum = 0.9);

/// <summary>
/// Cyclical learning rates (Smith 2017) with exactly the values of PyTorch's <c>CyclicLR</c>: the LR rises from base_lr
/// to max_lr over step_size_up iterations and falls back over step_size_down, the amplitude scaled per mode; momentum
/// moves the opposite way between max_momentum and base_momentum.
/// </summary>
public sealed class CyclicSchedule : ITrainingSchedule
{
    private readonly double _totalSize;
    private readonly double _stepRatio;

    public CyclicSchedule(CyclicOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Require.Positive("base_lr", options.BaseLr);
        Require.Positive("max_lr", options.MaxLr);
        if (options.MaxLr < options.BaseLr)
        {
            throw new ScheduleSettingException("max_lr", options.MaxLr, "must be >= base_lr");
        }

        Require.Steps("total_steps", options.TotalSteps);
        Require.Steps("step_size_up", options.StepSizeUp, minimum: 1);
        if (options.StepSizeDown is int down)
        {
            Require.Steps("step_size_down", down, minimum: 1);
        }

        Require.Positive("gamma", options.Gamma);
        if (options.Mode == CyclicMode.ExpRange && options.Gamma > 1)
        {
            // gamma^step would scale the amplitude up without bound: LRs past max_lr, negative momenta, then
            // infinities (gamma 1e308 gives momentum -5e303 at step 1). exp_range is a decay.
            throw new ScheduleSettingException("gamma", options.Gamma, "must be <= 1: the amplitude gamma^step would grow past max_lr");
        }
        if (options.CycleMomentum)
        {
            Require.Momentum(options.BaseMomentum, options.MaxMomentum);
        }
        else
        {
            Require.Finite("max_momentum", options.MaxMomentum);
        }

        if (!Enum.IsDefined(options.Mode))
        {
            throw new ScheduleSettingException("mode", options.Mode, "must be triangular, triangular2 or exp_range");
        }

        // In double: two int step sizes can sum past int.MaxValue (PyTorch's Python ints never overflow).
        _totalSize = (double)options.StepSizeUp + (options.StepSizeDown ?? options.StepSizeUp);
        _stepRatio = options.StepSizeUp / _totalSize;
    }

    public CyclicOptions Options { get; }

    public int TotalSteps => Options.TotalSteps;

    public ScheduleValue At(int step)
    {
        Require.InRange(this, step);
        var cycle = Math.Floor(1 + step / _totalSize);
        var x = 1.0 + step / _totalSize - cycle;
        var scaleFactor = x <= _stepRatio ? x / _stepRatio : (x - 1) / (_stepRatio - 1);
        var scale = Options.Mode switch
        {
            CyclicMode.Triangular => 1.0,
            CyclicMode.Triangular2 => 1 / Math.Pow(2, cycle - 1),
            _ => Math.Pow(Options.Gamma, step),
        };
        var lr = Options.BaseLr + (Options.MaxLr - Options.BaseLr) * scaleFactor * scale;
        var momentum = Options.CycleMomentum
            ? Options.MaxMomentum - (Options.MaxMomentum - Options.BaseMomentum) * scaleFactor * scale
            : Options.MaxMomentum;
        return new ScheduleValue(lr, momentum);
    }
}
