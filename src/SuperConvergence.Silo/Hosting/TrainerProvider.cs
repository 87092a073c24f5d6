using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials;

namespace SuperConvergence.Silo.Hosting;

/// <summary>
/// A kind of trainer this host can run, and how to make one for a sweep's trainer settings and the trial attempt it
/// runs (null when the caller names none).
/// </summary>
public sealed record TrainerRegistration(TrainerKind Kind, Func<TrainerSpec, TrialRun?, ITrainer> Create)
{
    /// <summary>A trainer that does not need to know which trial it runs.</summary>
    public TrainerRegistration(TrainerKind kind, Func<TrainerSpec, ITrainer> create)
        : this(kind, (spec, _) => create(spec))
    {
    }
}

/// <summary>Gives workers the trainers registered on this host; a sweep asking for another kind fails its trials clearly.</summary>
public sealed class TrainerProvider(IEnumerable<TrainerRegistration> registrations) : ITrainerProvider
{
    private readonly Dictionary<TrainerKind, Func<TrainerSpec, TrialRun?, ITrainer>> _factories = registrations.ToDictionary(r => r.Kind, r => r.Create);

    public ITrainer Get(TrainerSpec spec) => Create(spec, null);

    public ITrainer Get(TrainerSpec spec, TrialRun run) => Create(spec, run);

    private ITrainer Create(TrainerSpec spec, TrialRun? run) =>
        _factories.TryGetValue(spec.Kind, out var create)
            ? create(spec, run)
            : throw new NotSupportedException($"trainer: this worker has no '{spec.Kind.ToString().ToLowerInvariant()}' trainer");
}
