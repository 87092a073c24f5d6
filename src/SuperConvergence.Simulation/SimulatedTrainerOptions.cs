using SuperConvergence.Core.Sweeps;

namespace SuperConvergence.Core.Trials.Simulated;

/// <summary>
/// How a <see cref="SimulatedTrainer"/> behaves beyond its surface: wall time per epoch (for overhead benchmarks)
/// and failures (for orchestration tests). Which runs fail is a function of the config, so a retry of a failing
/// trial fails again unless <see cref="FailuresAreTransient"/>.
/// </summary>
public sealed record SimulatedTrainerOptions
{
    /// <summary>Wall time each epoch takes (awaited, cancellable); zero runs as fast as possible.</summary>
    public TimeSpan EpochDuration { get; init; }

    /// <summary>The clock delays run on; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Share (0–1) of training configs that fail, picked by a hash of the config.</summary>
    public double FailureFraction { get; init; }

    /// <summary>Training configs that fail, besides the <see cref="FailureFraction"/>.</summary>
    public Func<TrialConfig, bool>? FailWhen { get; init; }

    /// <summary>Range tests that fail.</summary>
    public Func<RangeTestConfig, bool>? FailRangeTestWhen { get; init; }

    /// <summary>The epoch a failing run throws in (after its wall time), having reported every epoch before it.</summary>
    public int FailAtEpoch { get; init; } = 1;

    /// <summary>When true, a failing run resumed from a checkpoint succeeds: the failure behaves like a lost worker.</summary>
    public bool FailuresAreTransient { get; init; }

    /// <summary>
    /// Told after each stretch of an epoch's steps a run waited out: the epoch (from 1), the first step and the step
    /// it got to (the epoch's step count unless preempted). Tests count steps with it.
    /// </summary>
    public Action<int, int, int>? OnSteps { get; init; }

    /// <summary>The options a sweep spec's <c>trainer</c> section asks for.</summary>
    public static SimulatedTrainerOptions For(TrainerSpec trainer)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        return new SimulatedTrainerOptions { EpochDuration = TimeSpan.FromSeconds(trainer.EpochSeconds) };
    }
}
