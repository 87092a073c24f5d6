using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SuperConvergence.Core.Search;
using SuperConvergence.Core.Search.Baselines;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials.Simulated;

namespace SuperConvergence.Silo.Hosting;

/// <summary>
/// The pieces a production silo plugs into the grains' seams: the search strategies and the trainers it can run.
/// Tests swap any of them by registering their own first.
/// </summary>
public static class SiloComposition
{
    public static void AddTrainingServices(IServiceCollection services)
    {
        services.TryAddSingleton<ISearchStrategyFactory, StrategyCatalog>();
        services.AddSingleton(new TrainerRegistration(TrainerKind.Simulated, spec => new SimulatedTrainer(SimulatedTrainerOptions.For(spec))));
    }

    /// <summary>The strategies a sweep spec can name.</summary>
    private sealed class StrategyCatalog : ISearchStrategyFactory
    {
        public ISearchStrategy Create(SweepSpec spec, string? savedState) => spec.Strategy switch
        {
            StrategyKind.Grid => new GridSearch(spec, savedState),
            StrategyKind.Random => new RandomSearch(spec, savedState),
            StrategyKind.Asha => new AshaSearch(spec, savedState),
            _ => throw new ArgumentException($"strategy: '{spec.Strategy.ToString().ToLowerInvariant()}' is not available in this build"),
        };
    }
}
