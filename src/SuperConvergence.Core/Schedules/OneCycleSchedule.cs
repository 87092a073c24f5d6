namespace SuperConvergence.Core.Schedules;

/// <summary>The arguments of PyTorch's OneCycleLR, with its defaults.</summary>
public sealed record OneCycleOptions(
    double MaxLr,
    int TotalSteps,
    double PctStart = 0.3,
    AnnealStrategy AnnealStrategy = AnnealStrategy.Cos,
    bool CycleMomentum = true,
    double BaseMomentum = 0.85,
    double MaxMomentum = 0.95,
    double DivFactor = 25,
    double FinalDivFactor = 1e4,
    bool ThreePhase = false)
{
    /// <summary>
    /// fastai's fit_one_cycle defaults: warm up over 25 % of the steps from max/25 and anneal (cos) to max/1e5, momentum
    /// 0.95 → 0.85 → 0.95. Expressed in PyTorch's terms: final_div_factor = 1e5/25 = 4000. The phase boundary follows
    /// PyTorch's convention (pct_start·T − 1), so values can differ from fastai's by one step's worth.
    /// </summary>
    public static OneCycleOptions Fastai(double maxLr, int totalSteps) =>
        new(maxLr, totalSteps, PctStart: 0.25, DivFactor: 25, FinalDivFactor: 1e5 / 25);
}

/// <summary>
/// Leslie Smith's 1cycle policy with exactly the values of PyTorch's <c>OneCycleLR</c> for the same arguments:
/// the LR warms from max/div_factor to max_lr, then anneals to max/(div_factor·final_div_factor); momentum moves the
/// opposite way between max_momentum and base_momentum (it stays at max_momentum when not cycled). Phase ends are
/// PyTorch's floats: pct_start·T − 1, then T − 1 (three-phase: pct_start·T − 1, 2·pct_start·T − 2, T − 1, the middle
/// phase returning to the initial LR and the last annealing from there).
/// </summary>
public sealed class OneCycleSchedule : ITrainingSchedule
{
    private readonly Phase[] _phases;

    public OneCycleSchedule(OneCycleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Require.Positive("max_lr", options.MaxLr);
        Require.Steps("total_steps", options.TotalSteps);
        Require.Finite("pct_start", options.PctStart);
        if (options.PctStart is <= 0 or >= 1)
        {
            throw new ScheduleSettingException("pct_start", options.PctStart, "must be in (0, 1)");
        }

        if (!Enum.IsDefined(options.AnnealStrategy))
        {
            throw new ScheduleSettingException("anneal_strategy", options.AnnealStrategy, "must be cos or linear");
        }

        Require.Positive("div_factor", options.DivFactor);
        Require.Positive("final_div_factor", options.FinalDivFactor);
        if (options.CycleMomentum)
        {
            Require.Momentum(options.BaseMomentum, options.MaxMomentum);
        }
        else
        {
            Require.Finite("max_momentum", options.MaxMomentum);
        }

        var initialLr = options.MaxLr / options.DivFactor;
        var minLr = initialLr / options.FinalDivFactor;
        var t = (double)options.TotalSteps;
        var (baseM, maxM) = (options.BaseMomentum, options.MaxMomentum);
        _phases = options.ThreePhase
            ?
            [
                new Phase(options.PctStart * t - 1, initialLr, options.MaxLr, maxM, baseM),
                new Phase(2 * options.PctStart * t - 2, options.MaxLr, initialLr, baseM, maxM),
                new Phase(t - 1, initialLr, minLr, maxM, maxM),
            ]
            :
            [
                new Phase(options.PctStart * t - 1, initialLr, options.MaxLr, maxM, baseM),
                new Phase(t - 1, options.MaxLr, minLr, baseM, maxM),
            ];

        // PyTorch divides by each phase's length; a phase of no length would be a division by zero there.
        var start = 0.0;
        for (var i = 0; i < _phases.Length; i++)
        {
            if (_phases[i].End - start <= 0)
            {
                throw new ScheduleSettingException("pct_start", options.PctStart, $"leaves phase {i + 1} of the cycle no steps with total_steps {options.TotalSteps}");
            }

            start = _phases[i].End;
        }
    }

    public OneCycleOptions Options { get; }

    public int TotalSteps => Options.TotalSteps;

    public ScheduleValue At(int step)
    {
        Require.InRange(this, step);
        var start = 0.0;
        for (var i = 0; i < _phases.Length; i++)
        {
            var phase = _phases[i];
            if (step <= phase.End || i == _phases.Length - 1)
            {
                var pct = (step - start) / (phase.End - start);
                var lr = Anneal.Apply(Options.AnnealStrategy, phase.StartLr, phase.EndLr, pct);
                var momentum = Options.CycleMomentum
                    ? Anneal.Apply(Options.AnnealStrategy, phase.StartMomentum, phase.EndMomentum, pct)
                    : Options.MaxMomentum;
                return new ScheduleValue(lr, momentum);
            }

            start = phase.End;
        }

        throw new InvalidOperationException("unreachable: the last phase takes every remaining step");
    }

    private sealed record Phase(double End, double StartLr, double EndLr, double StartMomentum, double EndMomentum);
}
