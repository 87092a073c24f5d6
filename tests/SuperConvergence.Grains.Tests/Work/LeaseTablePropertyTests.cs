using CsCheck;
using SuperConvergence.Abstractions.Work;
using SuperConvergence.Grains.Telemetry;
using SuperConvergence.Grains.Tests.Doubles;
using SuperConvergence.Grains.Work;

namespace SuperConvergence.Grains.Tests.Work;

/// <summary>
/// The lease table under random sequences of what workers, sweeps and the clock do, checked against a model of which
/// trials the queue must still hold: nothing lost or duplicated, one holder per trial, sweeps within their limits,
/// every lease that ends unfinished requeued exactly once and counted under its cause.
/// </summary>
public sealed class LeaseTablePropertyTests
{
    private const int Workers = 3;
    private const int Trials = 8;
    private static readonly TimeSpan LeaseTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan LiveSiloLeaseTimeout = TimeSpan.FromSeconds(60);

    /// <summary>One thing that happens to the queue; the numbers pick a worker, a trial, a sweep or a pause.</summary>
    private sealed record Step(int Kind, int Worker, int Trial, bool Flag, int Seconds);

    private static readonly Gen<Step> Steps =
        from kind in Gen.Int[0, 8]
        from worker in Gen.Int[0, Workers - 1]
        from trial in Gen.Int[0, Trials - 1]
        from flag in Gen.Bool
        from seconds in Gen.Int[0, 40]
        select new Step(kind, worker, trial, flag, seconds);

    private static readonly Gen<(Step[] Steps, SiloLiveness[] Silos)> Runs =
        from steps in Steps.Array[1, 120]
        from silos in Gen.Int[0, 2].Select(i => (SiloLiveness)i).Array[Workers]
        select (steps, silos);

    [Fact]
    public void No_trial_is_lost_duplicated_or_held_twice_and_every_ended_lease_is_requeued_once() => Runs.Sample(run =>
    {
        var clock = new ManualClock();
        var state = new WorkQueueState();
        var table = new LeaseTable(() => state, LeaseTimeout, LiveSiloLeaseTimeout, clock, w => run.Silos[int.Parse(w[(w.LastIndexOf('/') + 1)..])]);

        // The model: trials the queue must hold (waiting or leased), and the sweeps that withdrew their work.
        var held = new HashSet<string>();
        var withdrawn = new HashSet<string>();
        foreach (var step in run.Steps)
        {
            var worker = $"silo/{step.Worker}";
            var item = ItemOf(step.Trial);
            IReadOnlyList<EndedLease> ended = [];
            switch (step.Kind)
            {
                case 0:
                    table.Enqueue([item]);
                    if (!withdrawn.Contains(item.SweepId))
                    {
                        held.Add(item.TrialId);
                    }

                    break;
                case 1:
                    table.Touch(worker);
                    ended = table.ReclaimStale(worker, runningTrialId: null);
                    table.TryLease(worker);
                    break;
                case 2:
                    table.Touch(worker);
                    var running = step.Flag ? state.Leases.Values.FirstOrDefault(l => l.WorkerId == worker)?.Item.TrialId : null;
                    ended = table.ReclaimStale(worker, running);
                    if (running is null)
                    {
                        table.RememberIdle(worker);
                        table.OfferToIdleWorkers();
                    }

                    break;
                case 3:
                    table.Touch(worker);
                    var holds = table.Holds(worker, item.TrialId);
                    var given = table.GiveBack(worker, item.TrialId, requeue: step.Flag);
                    Assert.Equal(holds, given is not null);
                    if (given is not null)
                    {
                        ended = [given];
                        if (!step.Flag)
                        {
                            held.Remove(item.TrialId);
                        }
                    }

                    break;
                case 4:
                    clock.Advance(TimeSpan.FromSeconds(step.Seconds));
                    break;
                case 5:
                    ended = table.ExpireLost();
                    break;
                case 6:
                    withdrawn.Add(item.SweepId);
                    table.Withdraw(item.SweepId);
                    held.RemoveWhere(id => SweepOf(id) == item.SweepId && !state.Leases.ContainsKey(id));
                    break;
                case 7:
                    withdrawn.Remove(item.SweepId);
                    table.RemoveSweep(item.SweepId);
                    held.RemoveWhere(id => SweepOf(id) == item.SweepId);
                    break;
                default:
                    table.OfferToIdleWorkers();
                    break;
            }

            foreach (var lease in ended.Where(e => e.Cause is not null))
            {
                // Steps 1 and 2 may lease a requeued item again straight away.
                Assert.True(step.Kind is 1 or 2 || !state.Leases.ContainsKey(lease.Lease.Item.TrialId));
                if (withdrawn.Contains(lease.Lease.Item.SweepId))
                {
                    held.Remove(lease.Lease.Item.TrialId);
                }
            }

            AssertConsistent(state, held, ended, step);
        }
    });

    [Fact]
    public void A_lease_ends_once_its_worker_is_silent_past_its_timeout_and_not_before() => Gen.Int[1, 200].Sample(seconds =>
    {
        var clock = new ManualClock();
        var state = new WorkQueueState();
        var table = new LeaseTable(() => state, LeaseTimeout, LiveSiloLeaseTimeout, clock, _ => SiloLiveness.Unknown);
        table.Enqueue([ItemOf(0)]);
        table.Touch("silo/0");
        table.TryLease("silo/0");

        clock.Advance(TimeSpan.FromSeconds(seconds));
        var ended = table.ExpireLost();

        if (TimeSpan.FromSeconds(seconds) > LeaseTimeout)
        {
            Assert.Equal(RequeueCauses.WorkerLost, Assert.Single(ended).Cause);
            Assert.Equal([ItemOf(0)], state.Pending);
            Assert.Empty(table.ExpireLost());
        }
        else
        {
            Assert.Empty(ended);
            Assert.True(table.Holds("silo/0", ItemOf(0).TrialId));
        }
    });

    [Fact]
    public void An_offer_still_on_its_way_is_not_taken_back_by_a_heartbeat_that_does_not_name_it() => Gen.Int[0, 30].Sample(seconds =>
    {
        var clock = new ManualClock();
        var state = new WorkQueueState();
        var table = new LeaseTable(() => state, LeaseTimeout, LiveSiloLeaseTimeout, clock, _ => SiloLiveness.Active);
        table.Touch("silo/0");
        table.RememberIdle("silo/0");
        table.Enqueue([ItemOf(0)]);
        Assert.Single(table.OfferToIdleWorkers());

        clock.Advance(TimeSpan.FromSeconds(seconds));
        table.Touch("silo/0");
        var ended = table.ReclaimStale("silo/0", runningTrialId: null);

        Assert.Equal(TimeSpan.FromSeconds(seconds) > LeaseTimeout, ended.Count == 1);
        Assert.All(ended, e => Assert.Equal(RequeueCauses.WorkerRestarted, e.Cause));
    });

    private static void AssertConsistent(WorkQueueState state, HashSet<string> held, IReadOnlyList<EndedLease> ended, Step step)
    {
        var pending = state.Pending.Select(i => i.TrialId).ToList();
        Assert.Equal(pending.Count, pending.Distinct().Count());
        Assert.Empty(pending.Intersect(state.Leases.Keys));
        Assert.Equal(held.Order(), pending.Concat(state.Leases.Keys).Order());
        Assert.All(state.Leases, l => Assert.Equal(l.Key, l.Value.Item.TrialId));
        foreach (var sweep in state.Leases.Values.GroupBy(l => l.Item.SweepId))
        {
            Assert.True(sweep.Count() <= sweep.First().Item.MaxRunning, $"sweep {sweep.Key} over its limit after step {step}");
        }

        // Requeued at the front (where nothing was leased after them in the same step).
        if (step.Kind is 3 or 5)
        {
            var requeued = ended.Where(e => e.Cause is not null && held.Contains(e.Lease.Item.TrialId)).Select(e => e.Lease.Item.TrialId).ToList();
            Assert.Equal(requeued.Order(), pending.Take(requeued.Count).Order());
        }

        Assert.All(ended.Where(e => e.Cause is not null), e =>
            Assert.Equal(step.Kind switch { 1 or 2 => RequeueCauses.WorkerRestarted, 3 => RequeueCauses.HandedBack, _ => RequeueCauses.WorkerLost }, e.Cause));
    }

    private static WorkItem ItemOf(int trial) => new($"sweep{trial % 2}", $"sweep{trial % 2}-{trial:D6}", MaxRunning: 1 + trial % 2);

    private static string SweepOf(string trialId) => trialId[..trialId.IndexOf('-')];
}
