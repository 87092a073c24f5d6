namespace SuperConvergence.Core.Search;

/// <summary>
/// A trial a strategy wants run: a <see cref="TrainingProposal"/> or a <see cref="RangeTestProposal"/>, nothing else
/// (the constructor is private protected, so no other assembly adds a kind). Callers match on the subtype to reach its
/// config. Cell names the (batch size, weight decay) cell, e.g. "bs=256,wd=5e-4"; Round is the strategy's round (0 for
/// range tests). Grain state stores it in the flat layout of <see cref="StoredTrialProposal"/>.
/// </summary>
[Immutable]
[Alias("sc.TrialProposal")]
public abstract record TrialProposal
{
    private protected TrialProposal(string cell) => Cell = cell;

    public abstract TrialKind Kind { get; }

    public abstract int Round { get; }

    public string Cell { get; init; }
}
