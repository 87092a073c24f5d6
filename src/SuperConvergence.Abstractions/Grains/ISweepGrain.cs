using Orleans.Concurrency;
using SuperConvergence.Abstractions.Sweeps;
using SuperConvergence.Abstractions.Trials;

namespace SuperConvergence.Abstractions.Grains;

/// <summary>
/// The coordinator of one sweep, keyed by sweep id: plans range tests, narrows the LR bounds from their results,
/// schedules trials within the budget, decides when the sweep is done, answers queries.
/// </summary>
[Alias("sc.ISweepGrain")]
public interface ISweepGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the sweep from its spec text (YAML or JSON). Starting a sweep that already started is a no-op
    /// that returns its status; a spec that does not validate throws ArgumentException naming field and value.
    /// </summary>
    [Alias("Start")]
    Task<SweepStatus> Start(string specText);

    /// <summary>Status with one page of the trial table.</summary>
    [AlwaysInterleave]
    [Alias("GetStatus")]
    Task<SweepStatus> GetStatus(int trialOffset, int trialLimit);

    /// <summary>The unfinished trials (running first), at most <paramref name="limit"/>: what a live view shows.</summary>
    [AlwaysInterleave]
    [Alias("GetActiveTrials")]
    Task<IReadOnlyList<TrialSummary>> GetActiveTrials(int limit);

    /// <summary>The best finished training trials by accuracy, at most <paramref name="top"/>.</summary>
    [AlwaysInterleave]
    [Alias("GetBest")]
    Task<IReadOnlyList<BestTrial>> GetBest(int top);

    /// <summary>Stops launching trials, cancels pending and running ones.</summary>
    [Alias("Cancel")]
    Task<SweepStatus> Cancel();

    /// <summary>
    /// A trial of this sweep started an attempt (state, worker, attempts change). For live views, fire and forget: it
    /// sits on the path from one trial to the next, and the trial's final report carries the same facts.
    /// </summary>
    [OneWay]
    [Alias("OnTrialStarted")]
    Task OnTrialStarted(TrialSummary trial);

    /// <summary>
    /// A running trial of this sweep recorded epochs: how many it has and the newest one's metrics (for live views;
    /// fire and forget).
    /// </summary>
    [OneWay]
    [Alias("OnTrialProgress")]
    Task OnTrialProgress(string trialId, int epochsCompleted, EpochMetrics latestEpoch);

    /// <summary>A running range test of this sweep reported its newest progress (for live views; fire and forget).</summary>
    [OneWay]
    [Alias("OnRangeTestProgress")]
    Task OnRangeTestProgress(string trialId, RangeTestProgress progress);

    /// <summary>A trial of this sweep reached a final state. Idempotent: a repeated report is ignored.</summary>
    [Alias("OnTrialFinished")]
    Task OnTrialFinished(TrialView trial);

    /// <summary>Wakes the sweep after a restart: reconciles with its trials and keeps scheduling.</summary>
    [Alias("Resume")]
    Task Resume();

    /// <summary>
    /// A running sweep whose process is gone becomes Interrupted: its work leaves the queue and nothing of it runs
    /// until <see cref="ResumeInterrupted"/>. No effect on a sweep in any other state. Returns its status.
    /// </summary>
    [Alias("Interrupt")]
    Task<SweepStatus> Interrupt();

    /// <summary>
    /// Resumes an Interrupted sweep on purpose: every unfinished trial is queued again (running ones resume from
    /// their last checkpoint) and scheduling goes on. No effect on a sweep in any other state. Returns its status.
    /// </summary>
    [Alias("ResumeInterrupted")]
    Task<SweepStatus> ResumeInterrupted();
}
