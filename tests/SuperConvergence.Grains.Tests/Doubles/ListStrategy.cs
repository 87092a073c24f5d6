using System.Text.Json;
using SuperConvergence.Core.Search;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials;

namespace SuperConvergence.Grains.Tests.Doubles;

/// <summary>
/// A strategy that proposes a fixed list: one range test per cell when the spec asks for range tests, then one
/// 1cycle trial per (cell, cycle length, max LR ∈ {min, max}). It records what it observes so tests can check that
/// every result arrives exactly once.
/// </summary>
public sealed class ListStrategy : ISearchStrategy
{
    private readonly List<TrialProposal> _plan;
    private State _state;

    public ListStrategy(SweepSpec spec, string? saved)
    {
        _plan = Plan(spec);
        _state = saved is null ? new State(0, []) : JsonSerializer.Deserialize<State>(saved)!;
    }

    public IReadOnlyList<string> Observed => _state.Observed;

    public IReadOnlyList<TrialProposal> Propose(int capacity)
    {
        var next = _plan.Skip(_state.Proposed).Take(capacity).ToList();
        _state = _state with { Proposed = _state.Proposed + next.Count };
        return next;
    }

    public void Observe(TrialResult result) => _state = _state with { Observed = [.. _state.Observed, result.TrialId] };

    public bool IsFinished => _state.Proposed == _plan.Count;

    public SearchProgress Progress => new(_state.Observed.Count, new LrRange(0.001, 1), IsFinished ? SearchPhase.Done : SearchPhase.Sampling, []);

    public string SaveState() => JsonSerializer.Serialize(_state);

    private static List<TrialProposal> Plan(SweepSpec spec)
    {
        var space = spec.SearchSpace;
        var plan = new List<TrialProposal>();
        foreach (var wd in space.WeightDecay)
        {
            foreach (var bs in space.BatchSize)
            {
                var cell = $"bs={bs},wd={wd}";
                if (spec.RangeTest.Seeds > 0)
                {
                    plan.Add(new RangeTestProposal(
                        new RangeTestConfig(spec.Dataset, spec.Model, spec.RangeTest.StartLr, spec.RangeTest.EndLr, spec.RangeTest.Iterations, RangeTestRamp.Exponential, wd, bs, 0.9, spec.Seed, Hessian: spec.RangeTest.Hessian),
                        cell));
                }

                foreach (var cycle in space.CycleEpochs)
                {
                    foreach (var lr in new[] { space.MaxLr.Min, space.MaxLr.Max })
                    {
                        plan.Add(new TrainingProposal(
                            new TrialConfig(spec.Dataset, spec.Model, lr, 25, 1e4, wd, bs, cycle, space.Momentum.Base, space.Momentum.Max, spec.Seed),
                            1,
                            cell));
                    }
                }
            }
        }

        return plan;
    }

    private sealed record State(int Proposed, List<string> Observed);
}

/// <summary>Hands out list strategies and keeps the latest per sweep so tests can inspect what it observed.</summary>
public sealed class ListStrategyFactory : ISearchStrategyFactory
{
    public List<ListStrategy> Created { get; } = [];

    public ISearchStrategy Create(SweepSpec spec, string? savedState)
    {
        var strategy = new ListStrategy(spec, savedState);
        lock (Created)
        {
            Created.Add(strategy);
        }

        return strategy;
    }
}
