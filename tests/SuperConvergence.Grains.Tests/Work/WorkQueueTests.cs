using SuperConvergence.Abstractions.Grains;
using SuperConvergence.Abstractions.Work;
using SuperConvergence.Grains.Tests.Doubles;

namespace SuperConvergence.Grains.Tests.Work;

/// <summary>The queue on its own (no worker slots in the cluster): the test plays the workers.</summary>
public sealed class WorkQueueTests
{
    private static Task<SweepTestCluster> StartQueueOnlyAsync() =>
        SweepTestCluster.StartAsync(new ScriptedTrainer(), new ListStrategyFactory(), new JsonSpecParser(), new InMemoryCheckpointStore(), withWorkers: false);

    [Fact]
    public async Task A_sweep_at_its_limit_waits_while_later_sweeps_use_the_free_slots()
    {
        await using var cluster = await StartQueueOnlyAsync();
        var queue = cluster.Client.GetGrain<IWorkQueueGrain>(0);
        await queue.Enqueue([new WorkItem("a", "a-1", 1), new WorkItem("a", "a-2", 1), new WorkItem("b", "b-1", 2)]);

        Assert.Equal("a-1", (await queue.RequestWork("w1"))?.TrialId);
        Assert.Equal("b-1", (await queue.RequestWork("w2"))?.TrialId);
        Assert.Null(await queue.RequestWork("w3"));
        Assert.Equal(1, await queue.GetPendingCount());

        // Finishing a-1 frees sweep a's one slot: the same call hands its worker a-2.
        Assert.Equal("a-2", (await queue.ReleaseAndRequestWork("w1", "a-1", requeue: false))?.TrialId);
        Assert.Equal(0, await queue.GetPendingCount());
    }

    [Fact]
    public async Task A_trial_handed_back_goes_to_the_front_and_its_worker_may_take_it_again()
    {
        await using var cluster = await StartQueueOnlyAsync();
        var queue = cluster.Client.GetGrain<IWorkQueueGrain>(0);
        await queue.Enqueue([new WorkItem("a", "a-1", 4), new WorkItem("a", "a-2", 4)]);
        Assert.Equal("a-1", (await queue.RequestWork("w1"))?.TrialId);

        Assert.Equal("a-1", (await queue.ReleaseAndRequestWork("w1", "a-1", requeue: true))?.TrialId);
        Assert.Equal("a-2", (await queue.ReleaseAndRequestWork("w1", "a-1", requeue: false))?.TrialId);

        // A release of a lease the worker does not hold changes nothing.
        Assert.Null(await queue.ReleaseAndRequestWork("w2", "a-2", requeue: true));
        var workers = await queue.GetWorkers();
        Assert.Equal("a-2", workers.Single(w => w.WorkerId == "w1").TrialId);
    }
}
