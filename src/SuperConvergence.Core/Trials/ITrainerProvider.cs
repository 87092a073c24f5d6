using SuperConvergence.Core.Sweeps;

namespace SuperConvergence.Core.Trials;

/// <summary>Gives workers the trainer a sweep asked for (libtorch or simulated).</summary>
public interface ITrainerProvider
{
    /// <summary>The trainer for <paramref name="spec"/>; throws NotSupportedException when this host has none of that kind.</summary>
    ITrainer Get(TrainerSpec spec);
}
