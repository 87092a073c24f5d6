namespace SuperConvergence.Grains.Sweeps;

/// <summary>Every sweep the cluster has seen, newest first.</summary>
public sealed class SweepCatalogGrain(
    [PersistentState(GrainStateNames.Catalog, StorageNames.Default)] IPersistentState<SweepCatalogState> state) : Grain, ISweepCatalogGrain
{
    public async Task Register(SweepListing sweep)
    {
        if (state.State.Sweeps.TryGetValue(sweep.SweepId, out var known) && known == sweep)
        {
            return;
        }

        state.State.Sweeps[sweep.SweepId] = sweep;
        await state.WriteDurablyAsync();
    }

    public async Task UpdateState(string sweepId, SweepState sweepState)
    {
        if (!state.State.Sweeps.TryGetValue(sweepId, out var known) || known.State == sweepState)
        {
            return;
        }

        state.State.Sweeps[sweepId] = known with { State = sweepState };
        await state.WriteDurablyAsync();
    }

    public Task<IReadOnlyList<SweepListing>> List()
    {
        return Task.FromResult(SweepAnswers.Listing(state.State));
    }

    public Task ResumeRunning()
    {
        // Fire and forget: a waking sweep reports its state back here, and awaiting it would deadlock.
        foreach (var sweep in state.State.Sweeps.Values.Where(s => s.State == SweepState.Running))
        {
            GrainFactory.GetGrain<ISweepGrain>(sweep.SweepId).Resume().Ignore();
        }

        return Task.CompletedTask;
    }
}
