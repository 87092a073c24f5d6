using System.Reflection;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Abstractions.Work;
using SuperConvergence.Core.RangeTests;
using SuperConvergence.Core.Search;
using SuperConvergence.Core.Trials;
using SuperConvergence.Grains.Sweeps;
using SuperConvergence.Grains.Trials;
using SuperConvergence.Grains.Work;
using SuperConvergence.Silo.Tests.Support;

namespace SuperConvergence.Silo.Tests.Wire;

/// <summary>
/// Every wire and state type comes back from Orleans' serializer, and from its deep copier (grain calls inside a silo),
/// exactly as it went in: a field without an [Id], or one a codec skips, fails here instead of vanishing from a grain
/// call or from stored state.
/// </summary>
public sealed class WireContractRoundTripTests : IDisposable
{
    private readonly ServiceProvider _services = SiloSerializer.Services();

    public static TheoryData<string> TypeNames => [.. WireTypes.All.Where(t => !t.IsEnum && !t.IsAbstract).Select(t => t.FullName!)];

    [Fact]
    public void The_grain_interfaces_and_states_bring_in_every_kind_of_contract()
    {
        Assert.Superset(
            new HashSet<Type>
            {
                typeof(SweepGrainState), typeof(TrialGrainState), typeof(WorkQueueState), typeof(SweepCatalogState), typeof(WorkLease),
                typeof(TrialDefinition), typeof(TrialLease), typeof(TrialCompletion), typeof(WorkItem), typeof(TrialConfig),
                typeof(RangeTestConfig), typeof(EpochMetrics), typeof(RangeTestProgress), typeof(RangeTestPoint), typeof(HessianFreeEstimate),
                typeof(HessianFreeIteration), typeof(LayerLearningRate), typeof(RoundBounds), typeof(TrialProposal),
                typeof(TrainingProposal), typeof(RangeTestProposal),
            },
            WireTypes.All.ToHashSet());
    }

    [Fact]
    public void Stored_types_name_every_field_id()
    {
        // Grain state outlives the code that wrote it: an id taken from a parameter's place would move when parameters
        // are reordered, and bytes stored earlier would be read into the wrong fields.
        Assert.Contains(typeof(TrialDefinition), WireTypes.Stored);
        Assert.DoesNotContain(typeof(TrialView), WireTypes.Stored);
        Assert.Empty(WireTypes.Stored
            .SelectMany(t => WireTypes.PositionalMembers(t).Select(p => $"{t.Name}.{p.Name}")));
    }

    [Theory]
    [MemberData(nameof(TypeNames))]
    public void A_value_survives_the_serializer_and_the_copier_unchanged(string typeName)
    {
        var type = WireTypes.All.Single(t => t.FullName == typeName);
        var roundTrip = typeof(WireContractRoundTripTests).GetMethod(nameof(RoundTrip), BindingFlags.NonPublic | BindingFlags.Instance)!.MakeGenericMethod(type);

        WireValues.Of(type).Sample(value =>
        {
            var (deserialized, copied) = ((object, object))roundTrip.Invoke(this, [value])!;
            Assert.Null(DeepEquality.FirstDifference(value, deserialized, $"serialized {type.Name}"));
            Assert.Null(DeepEquality.FirstDifference(value, copied, $"copied {type.Name}"));
        });
    }

    public void Dispose() => _services.Dispose();

    private (object, object) RoundTrip<T>(T value)
    {
        var serializer = _services.GetRequiredService<Serializer<T>>();
        var copier = _services.GetRequiredService<DeepCopier<T>>();
        return (serializer.Deserialize(serializer.SerializeToArray(value))!, copier.Copy(value)!);
    }
}
