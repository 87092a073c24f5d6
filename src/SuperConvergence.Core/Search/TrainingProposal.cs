using SuperConvergence.Core.Trials;

namespace SuperConvergence.Core.Search;

/// <summary>A training trial: one full 1cycle of <paramref name="Config"/>, in the strategy's round <paramref name="Round"/>.</summary>
[Immutable]
[Alias("sc.TrainingProposal")]
public sealed record TrainingProposal(TrialConfig Config, int Round, string Cell) : TrialProposal(Cell)
{
    public override TrialKind Kind => TrialKind.Train;

    public override int Round { get; } = Round;
}
