using SuperConvergence.Core.Persistence;

namespace SuperConvergence.Silo.Tests.Hosting.Grains;

[GrainType(TypeName)]
public sealed class CounterGrain(
    [PersistentState("counter", StorageNames.Default)] IPersistentState<CounterState> counter) : Grain, ICounterGrain
{
    public const string TypeName = "sctest-counter";

    // A new activation gets a new id: tests tell "reloaded from storage" from "still in memory" by it.
    private readonly Guid _activationId = Guid.NewGuid();

    public Task<CounterSnapshot> Read() =>
        Task.FromResult(new CounterSnapshot(counter.State.Value, counter.Etag, counter.RecordExists, _activationId));

    public async Task Add(int amount)
    {
        counter.State.Value += amount;
        counter.State.Additions.Add(amount);
        await counter.WriteStateAsync();
    }

    public Task Clear() => counter.ClearStateAsync();

    public Task Deactivate()
    {
        this.DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
