namespace SuperConvergence.Core.Trials;

/// <summary>Gives workers the trainer a sweep asked for (libtorch, simulated, tabular or the user's command).</summary>
public interface ITrainerProvider
{
    /// <summary>The trainer for <paramref name="spec"/>; throws NotSupportedException when this host has none of that kind.</summary>
    ITrainer Get(TrainerSpec spec);

    /// <summary>
    /// The trainer for one attempt of a trial, <paramref name="run"/>: what workers ask for. Providers whose trainers
    /// do not need to know the trial (every test double) answer as <see cref="Get(TrainerSpec)"/>.
    /// </summary>
    ITrainer Get(TrainerSpec spec, TrialRun run) => Get(spec);
}
