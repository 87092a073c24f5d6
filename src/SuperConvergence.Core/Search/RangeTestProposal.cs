using SuperConvergence.Core.Trials;

namespace SuperConvergence.Core.Search;

/// <summary>An LR range test of one cell: it bounds the LR the cell's training trials search, and belongs to no round.</summary>
[Immutable]
[Alias("sc.RangeTestProposal")]
public sealed record RangeTestProposal(RangeTestConfig Config, string Cell) : TrialProposal(Cell)
{
    public override TrialKind Kind => TrialKind.RangeTest;

    public override int Round => 0;
}
