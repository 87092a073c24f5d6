namespace SuperConvergence.Core.Search.Adaptive;

/// <summary>
/// What a cell's range tests say: the max-LR interval worth training in (null when the curves show none), and
/// whether accuracy stayed high up to a large LR — the paper's sign that super-convergence is possible. NoSignal says
/// why the curves bound nothing when most of them carry no signal (Bounds is then null: the search must not pretend).
/// OpenTop says why Bounds has no upper end (the loss never climbed within the tests: their floor reaches their last
/// LR); the search then takes the spec's upper end.
/// </summary>
public sealed record CellEstimate(LrRange? Bounds, bool SuperConvergence, string? NoSignal = null, string? OpenTop = null);

/// <summary>Reads one cell's range-test curves (one per seed) into a <see cref="CellEstimate"/>.</summary>
internal interface IRangeTestReading
{
    CellEstimate Read(IReadOnlyList<IReadOnlyList<RangeTestPoint>> curves);
}
