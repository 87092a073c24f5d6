using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials;

namespace SuperConvergence.Silo.Hosting;

/// <summary>A kind of trainer this host can run, and how to make one for a sweep's trainer settings.</summary>
public sealed record TrainerRegistration(TrainerKind Kind, Func<TrainerSpec, ITrainer> Create);

/// <summary>Gives workers the trainers registered on this host; a sweep asking for another kind fails its trials clearly.</summary>
public sealed class TrainerProvider(IEnumerable<TrainerRegistration> registrations) : ITrainerProvider
{
    private readonly Dictionary<TrainerKind, Func<TrainerSpec, ITrainer>> _factories = registrations.ToDictionary(r => r.Kind, r => r.Create);

    public ITrainer Get(TrainerSpec spec) =>
        _factories.TryGetValue(spec.Kind, out var create)
            ? create(spec)
            : throw new NotSupportedException($"trainer: this worker has no '{spec.Kind.ToString().ToLowerInvariant()}' trainer");
}
