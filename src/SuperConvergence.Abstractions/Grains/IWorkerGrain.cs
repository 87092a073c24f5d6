using Orleans.Concurrency;
using SuperConvergence.Abstractions.Work;

namespace SuperConvergence.Abstractions.Grains;

/// <summary>
/// One training slot of a worker silo, keyed "{silo name}/{slot}". Lives only on its own silo; runs training off
/// the grain scheduler, reports progress to the trial grain and heartbeats to the queue.
/// </summary>
[Alias("sc.IWorkerGrain")]
public interface IWorkerGrain : IGrainWithStringKey
{
    /// <summary>Starts pulling work. Called by the worker silo for each of its slots.</summary>
    [Alias("Start")]
    Task Start();

    /// <summary>
    /// Its silo is stopping: the slot deactivates once idle, so that it is not offered for migration to another
    /// silo (which would refuse it anyway). Called by the worker silo for each of its slots.
    /// </summary>
    [Alias("Close")]
    Task Close();

    /// <summary>Work pushed by the queue while this worker is idle.</summary>
    [OneWay]
    [Alias("Offer")]
    Task Offer(WorkItem item);

    /// <summary>
    /// The background training of <paramref name="trialId"/> has ended; the slot is free again. With
    /// <paramref name="handBack"/> the attempt could not record its outcome and the trial goes back to the queue.
    /// </summary>
    [Alias("OnAttemptEnded")]
    Task OnAttemptEnded(string trialId, bool handBack);
}
