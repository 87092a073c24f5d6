namespace SuperConvergence.Core.Trials.Tabular;

/// <summary>
/// How a <see cref="TabularTrainer"/> paces its replay: the wall time each replayed epoch takes (a range test takes its
/// share of an epoch, as with the simulated trainer); zero replays at once.
/// </summary>
public sealed record TabularTrainerOptions
{
    public TimeSpan EpochDuration { get; init; }

    /// <summary>The clock delays run on; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The options a sweep spec's <c>trainer</c> section asks for.</summary>
    public static TabularTrainerOptions For(TrainerSpec trainer)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        return new TabularTrainerOptions { EpochDuration = TimeSpan.FromSeconds(trainer.EpochSeconds) };
    }
}
