using Microsoft.Extensions.DependencyInjection.Extensions;
using SuperConvergence.Core.Search;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials.Simulated;
using SuperConvergence.Core.Trials.Tabular;
using SuperConvergence.Training.Command;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Training;

namespace SuperConvergence.Silo.Hosting;

/// <summary>
/// The part of <see cref="SuperConvergenceSiloHostApplicationBuilderExtensions.AddSuperConvergenceSilo"/> that plugs a
/// production silo into the grains' seams: the search strategies and the trainers it can run.
/// </summary>
internal static class SiloTrainingServices
{
    public static IServiceCollection AddSiloTrainingServices(this IServiceCollection services)
    {
        services.TryAddSingleton<ISearchStrategyFactory, SearchStrategyFactory>();
        services.TryAddSingleton<TrialTableCache>();
        services.AddSingleton<ISweepSpecParser>(sp => new TrainerCheckingSpecParser(new SweepSpecTextParser(), sp.GetRequiredService<TrialTableCache>()));
        services.AddSingleton(new TrainerRegistration(TrainerKind.Simulated, spec => new SimulatedTrainer(SimulatedTrainerOptions.For(spec))));
        services.AddSingleton(sp => new TrainerRegistration(
            TrainerKind.Tabular,
            spec => new TabularTrainer(sp.GetRequiredService<TrialTableCache>().Get(spec.Table!), TabularTrainerOptions.For(spec))));

        // A command-trainer attempt's files live in the silo's data directory while it runs.
        services.AddSingleton(sp => new TrainerRegistration(
            TrainerKind.Command,
            (spec, run) => new CommandTrainer(
                spec.Command ?? throw new NotSupportedException("trainer: a command trainer needs trainer.run"),
                run ?? throw new NotSupportedException("trainer: the command trainer runs the trials of a sweep, each named"),
                new CommandTrainerOptions(Path.Combine(sp.GetRequiredService<SiloSettings>().DataDirectory ?? DataCache.DefaultDirectory(), "command-trials")))));

        // One dataset store per silo: every slot trains from the same tensors in memory.
        services.TryAddSingleton(sp => new DatasetStore(sp.GetRequiredService<SiloSettings>().DataDirectory ?? DataCache.DefaultDirectory()));
        services.TryAddSingleton(sp =>
        {
            // libtorch's intra-op threads are process-wide: share the cores between the slots instead of oversubscribing.
            var slots = sp.GetRequiredService<SiloSettings>().Slots;
            TorchSharp.torch.set_num_threads(Math.Max(1, Environment.ProcessorCount / slots));
            return new TorchTrainer(sp.GetRequiredService<DatasetStore>(), TrainingDevice.Resolve("auto"));
        });
        services.AddSingleton(sp => new TrainerRegistration(TrainerKind.Torch, _ => sp.GetRequiredService<TorchTrainer>()));

        // GPU memory for the workers dashboard, where the driver reports it (NVIDIA nodes); nothing on CPU workers.
        services.TryAddSingleton<IGpuMemoryReader>(_ => (IGpuMemoryReader?)NvmlGpuMemoryReader.Open() ?? NoGpuMemory.Instance);
        services.TryAddSingleton<GpuMemoryGauges>();
        services.AddHostedService(sp => sp.GetRequiredService<GpuMemoryGauges>());
        return services;
    }
}
