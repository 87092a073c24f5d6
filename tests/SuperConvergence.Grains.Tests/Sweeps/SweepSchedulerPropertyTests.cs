using CsCheck;
using SuperConvergence.Abstractions.Sweeps;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Core.Trials;
using SuperConvergence.Grains.Sweeps;
using SuperConvergence.Grains.Tests.Doubles;

namespace SuperConvergence.Grains.Tests.Sweeps;

/// <summary>
/// The sweep scheduler under random sequences of pumps, trial starts and ends, commands and a moving clock: every
/// trial is launched once and counted once, the slots and the wall time are never overrun, pages stay in order, and
/// an ended sweep stays ended.
/// </summary>
public sealed class SweepSchedulerPropertyTests
{
    private const int QueuedAhead = 2;
    private static readonly TimeSpan WallTime = TimeSpan.FromMinutes(10);
    private static readonly TrialState[] Ends = [TrialState.Completed, TrialState.Diverged, TrialState.Failed, TrialState.Cancelled];

    /// <summary>One thing that happens to the sweep; the numbers pick a trial, an end or a pause.</summary>
    private sealed record Step(int Kind, int Pick, int Minutes);

    private static readonly Gen<Step> Steps =
        from kind in Gen.Int[0, 7]
        from pick in Gen.Int[0, 50]
        from minutes in Gen.Int[0, 4]
        select new Step(kind, pick, minutes);

    private static readonly Gen<(Step[] Steps, int MaxConcurrent, int WeightDecays, bool WithWallTime)> Runs =
        from steps in Steps.Array[1, 150]
        from maxConcurrent in Gen.Int[1, 4]
        from weightDecays in Gen.Int[1, 6]
        from withWallTime in Gen.Bool
        select (steps, maxConcurrent, weightDecays, withWallTime);

    [Fact]
    public void Trials_are_launched_and_counted_once_within_slots_and_wall_time_and_ends_are_final() => Runs.Sample(run =>
    {
        var spec = SpecBuilder.Small(
            rangeTestSeeds: 1, maxConcurrent: run.MaxConcurrent, weightDecay: [.. Enumerable.Range(1, run.WeightDecays).Select(i => i * 1e-4)],
            wallTime: run.WithWallTime ? WallTime : null);
        var clock = new ManualClock();
        var state = new SweepGrainState();
        var scheduler = new SweepScheduler("s", () => state, QueuedAhead, bestTrialsKept: 3, clock);
        var strategy = new ListStrategy(spec, null);
        scheduler.Start("{}", spec, strategy);
        var launched = new List<string>();
        var deadline = clock.GetUtcNow() + WallTime;

        foreach (var step in run.Steps)
        {
            var before = state.State;
            var active = state.Active.Keys.Order(StringComparer.Ordinal).ToList();
            switch (step.Kind)
            {
                case 0 or 1:
                    var pump = scheduler.Pump();
                    Assert.True(pump.Launched.Count == 0 || before == SweepState.Running);
                    Assert.True(pump.Launched.Count == 0 || !run.WithWallTime || clock.GetUtcNow() < deadline, "launched past the wall time");
                    launched.AddRange(pump.Launched.Select(l => l.TrialId));
                    Assert.True(state.Active.Count <= run.MaxConcurrent + QueuedAhead || pump.Launched.Count == 0);
                    Assert.Equal(pump.Ended, before == SweepState.Running && state.State is SweepState.Completed or SweepState.Failed);
                    break;
                case 2 when active.Count > 0:
                    var trialId = active[step.Pick % active.Count];
                    var view = Final(trialId, state.Active[trialId], Ends[step.Pick % Ends.Length]);
                    Assert.True(scheduler.Record(view));
                    Assert.False(scheduler.Record(view));
                    break;
                case 3 when active.Count > 0:
                    var started = active[step.Pick % active.Count];
                    scheduler.Index.Set(SweepAnswers.PendingRow(started, state.Active[started]) with { State = TrialState.Running, Attempts = 1 });
                    break;
                case 4:
                    clock.Advance(TimeSpan.FromMinutes(step.Minutes));
                    break;
                case 5:
                    Assert.Equal(before == SweepState.Running, scheduler.StopRunning(step.Pick % 2 == 0 ? SweepState.Cancelled : SweepState.Interrupted));
                    break;
                case 6:
                    Assert.Equal(before == SweepState.Interrupted, scheduler.ResumeInterrupted());
                    break;
                default:
                    var keep = scheduler.KeepQueued();
                    Assert.Equal(before != SweepState.Running, keep == SweepKeepQueued.StopTimers);
                    Assert.All(scheduler.PendingWork(), w => Assert.Equal(run.MaxConcurrent, w.MaxRunning));
                    break;
            }

            if (before is SweepState.Completed or SweepState.Failed or SweepState.Cancelled)
            {
                Assert.Equal(before, state.State);
            }

            AssertConsistent(state, scheduler, launched, strategy);
        }
    });

    private static void AssertConsistent(SweepGrainState state, SweepScheduler scheduler, List<string> launched, ListStrategy strategy)
    {
        var total = state.NextTrialNumber - 1;
        Assert.Equal(Enumerable.Range(1, total).Select(scheduler.TrialIdOf), launched);
        Assert.Equal(total, state.FinishedCounts.Values.Sum() + state.Active.Count);
        Assert.All(state.FinishedCounts.Keys, s => Assert.True(s.IsFinal()));
        Assert.Equal(strategy.Observed.Count, strategy.Observed.Distinct().Count());
        Assert.True(state.Best.Count <= 3);

        var (offset, count) = SweepAnswers.PageOf(state, total / 2, 3);
        Assert.InRange(offset + count, 0, total);
        var page = scheduler.Index.Page(offset, count).Select(t => t.TrialId).ToList();
        Assert.Equal(page.Order(StringComparer.Ordinal), page);
        Assert.All(page, id => Assert.InRange(launched.IndexOf(id), offset, offset + count - 1));
    }

    private static TrialView Final(string trialId, Core.Search.TrialProposal proposal, TrialState end)
    {
        var epochs = proposal.Kind == Core.Search.TrialKind.Train ? new List<EpochMetrics> { new(1, 1.0, 1.2, 0.5, 0.1, 1) } : [];
        return new TrialView(trialId, null, end, 1, null, "w", epochs, end == TrialState.Completed ? 0.5 : null, null,
            end == TrialState.Failed ? "boom" : null, null, null);
    }
}
