using SuperConvergence.Core.Sweeps;

namespace SuperConvergence.Abstractions.Trials;

/// <summary>
/// What a trial grain is created with: its sweep, what to run and with which trainer. Run, StepsPerEpoch and
/// LineTimeout are the command trainer's settings (Run null with every other trainer).
/// A shape of its own because a trial grain runs its trial without asking its sweep again: the proposal plus the
/// sweep's trainer, stored once in the trial's state.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("sc.TrialDefinition")]
public sealed record TrialDefinition(
    [property: Id(0)] string SweepId,
    [property: Id(1)] TrialProposal Proposal,
    [property: Id(2)] TrainerKind Trainer,
    [property: Id(3)] double EpochSeconds,
    [property: Id(4)] string? Table = null,
    [property: Id(5)] string[]? Run = null,
    [property: Id(6)] int StepsPerEpoch = 0,
    [property: Id(7)] TimeSpan LineTimeout = default)
{
    /// <summary>By value, Run's arguments included: a trial initialised twice (a retried call) must see the same definition.</summary>
    public bool Equals(TrialDefinition? other) =>
        other is not null
        && SweepId == other.SweepId
        && Proposal == other.Proposal
        && Trainer == other.Trainer
        && EpochSeconds.Equals(other.EpochSeconds)
        && Table == other.Table
        && (Run ?? []).SequenceEqual(other.Run ?? [])
        && (Run is null) == (other.Run is null)
        && StepsPerEpoch == other.StepsPerEpoch
        && LineTimeout == other.LineTimeout;

    public override int GetHashCode() => HashCode.Combine(SweepId, Proposal, Trainer, EpochSeconds, Table, Run?.Length, StepsPerEpoch, LineTimeout);

    public TrainerSpec TrainerSpec =>
        new(Trainer, EpochSeconds, Table, Run is null ? null : new CommandTrainerSpec(Run, StepsPerEpoch, LineTimeout));

    /// <summary>The definition of a trial of <paramref name="sweepId"/> that runs on the sweep's trainer.</summary>
    public static TrialDefinition For(string sweepId, TrialProposal proposal, TrainerSpec trainer)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        var command = trainer.Command;
        return new TrialDefinition(
            sweepId, proposal, trainer.Kind, trainer.EpochSeconds, trainer.Table, command?.Run.ToArray(), command?.StepsPerEpoch ?? 0, command?.LineTimeout ?? default);
    }
}
