using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Grains.Sweeps;

namespace SuperConvergence.Silo.Tests.Support;

/// <summary>
/// The serializer the silo and its stores use, with the codecs of the grains, their wire records and Core's records,
/// without a silo around it.
/// </summary>
internal static class SiloSerializer
{
    public static ServiceProvider Services() =>
        new ServiceCollection()
            .AddSerializer(serializer => serializer
                .AddAssembly(typeof(SweepGrainState).Assembly)
                .AddAssembly(typeof(TrialDefinition).Assembly))
            .BuildServiceProvider();
}
