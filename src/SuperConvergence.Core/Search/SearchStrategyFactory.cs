using SuperConvergence.Core.Search.Adaptive;
using SuperConvergence.Core.Search.Baselines;

namespace SuperConvergence.Core.Search;

/// <summary>
/// Creates the strategy a spec names, fresh (<paramref name="savedState"/> null) or from a state an instance of the
/// same strategy saved. The spec is validated first (<see cref="SweepSpecException"/>); a state written by another
/// strategy or version is refused with an <see cref="ArgumentException"/>.
/// </summary>
public sealed class SearchStrategyFactory : ISearchStrategyFactory
{
    public ISearchStrategy Create(SweepSpec spec, string? savedState)
    {
        SweepSpecValidator.Validate(spec);
        return spec.Strategy switch
        {
            StrategyKind.Adaptive => new AdaptiveSearch(spec, savedState),
            StrategyKind.Grid => new GridSearch(spec, savedState),
            StrategyKind.Random => new RandomSearch(spec, savedState),
            StrategyKind.Asha => new AshaSearch(spec, savedState),
            StrategyKind.Tpe => new TpeSearch(spec, savedState),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Strategy, "Unknown strategy."),
        };
    }
}
