using SuperConvergence.Core.Search;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials;

namespace SuperConvergence.Abstractions.Surrogates;

[GenerateSerializer]
[Alias("sc.TrialProposal")]
public struct TrialProposalSurrogate
{
    [Id(0)] public int Kind;
    [Id(1)] public TrialConfig? Train;
    [Id(2)] public RangeTestConfig? RangeTest;
    [Id(3)] public int Round;
    [Id(4)] public string Cell;
}

[RegisterConverter]
public sealed class TrialProposalSurrogateConverter : IConverter<TrialProposal, TrialProposalSurrogate>
{
    public TrialProposal ConvertFromSurrogate(in TrialProposalSurrogate s) => new((TrialKind)s.Kind, s.Train, s.RangeTest, s.Round, s.Cell);

    public TrialProposalSurrogate ConvertToSurrogate(in TrialProposal v) =>
        new() { Kind = (int)v.Kind, Train = v.Train, RangeTest = v.RangeTest, Round = v.Round, Cell = v.Cell };
}

[GenerateSerializer]
[Alias("sc.LrRange")]
public struct LrRangeSurrogate
{
    [Id(0)] public double Min;
    [Id(1)] public double Max;
}

[RegisterConverter]
public sealed class LrRangeSurrogateConverter : IConverter<LrRange, LrRangeSurrogate>
{
    public LrRange ConvertFromSurrogate(in LrRangeSurrogate s) => new(s.Min, s.Max);

    public LrRangeSurrogate ConvertToSurrogate(in LrRange v) => new() { Min = v.Min, Max = v.Max };
}

[GenerateSerializer]
[Alias("sc.RoundBounds")]
public struct RoundBoundsSurrogate
{
    [Id(0)] public int Round;
    [Id(1)] public LrRange Bounds;
    [Id(2)] public double? BestAccuracy;
}

[RegisterConverter]
public sealed class RoundBoundsSurrogateConverter : IConverter<RoundBounds, RoundBoundsSurrogate>
{
    public RoundBounds ConvertFromSurrogate(in RoundBoundsSurrogate s) => new(s.Round, s.Bounds, s.BestAccuracy);

    public RoundBoundsSurrogate ConvertToSurrogate(in RoundBounds v) => new() { Round = v.Round, Bounds = v.Bounds, BestAccuracy = v.BestAccuracy };
}
