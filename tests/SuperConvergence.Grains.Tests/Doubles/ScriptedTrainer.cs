using System.Collections.Concurrent;
using SuperConvergence.Core.RangeTests;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials;

namespace SuperConvergence.Grains.Tests.Doubles;

/// <summary>
/// A trainer whose behaviour the test scripts: accuracy is a known function of max LR, chosen LRs fail or diverge,
/// and a trial can be held at an epoch (a range test at an iteration) until the test releases it. Every call is recorded.
/// </summary>
public sealed class ScriptedTrainer : ITrainer, ITrainerProvider
{
    private readonly ConcurrentDictionary<double, TaskCompletionSource> _holds = new();
    private readonly ConcurrentDictionary<double, TaskCompletionSource> _reached = new();

    private readonly TaskCompletionSource _rangeTestReached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _rangeTestRelease = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _rangeTestHoldAfter;
    private int _rangeTestHeld;
    private int _running;
    private int _mostRunning;

    public ConcurrentBag<(TrialConfig Config, int? ResumedFrom)> Runs { get; } = [];

    /// <summary>The most training runs that were under way at one time.</summary>
    public int MostRunningAtOnce => Volatile.Read(ref _mostRunning);

    public HashSet<double> FailingMaxLrs { get; } = [];

    public double DivergesAbove { get; set; } = double.PositiveInfinity;

    public ITrainer Get(TrainerSpec spec) => this;

    public static double AccuracyOf(TrialConfig config, int epoch) =>
        Math.Round(0.5 + 0.1 * Math.Log10(config.MaxLr * 1000) + 0.01 * epoch, 6);

    /// <summary>Trials with this max LR stop before the given epoch until <see cref="Release"/>.</summary>
    public Task HoldBeforeEpoch(double maxLr, int epoch)
    {
        _holds[maxLr] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        HoldEpoch = epoch;
        return _reached.GetOrAdd(maxLr, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
    }

    public int HoldEpoch { get; private set; }

    public void Release(double maxLr) => _holds[maxLr].TrySetResult();

    public async Task<TrainingOutcome> TrainAsync(TrialConfig config, TrainingCheckpoint? resumeFrom, ITrainingObserver observer, CancellationToken cancellationToken)
    {
        Runs.Add((config, resumeFrom?.Epoch));
        var running = Interlocked.Increment(ref _running);
        for (var most = Volatile.Read(ref _mostRunning); running > most; most = Volatile.Read(ref _mostRunning))
        {
            Interlocked.CompareExchange(ref _mostRunning, running, most);
        }

        try
        {
            return await RunAsync(config, resumeFrom, observer, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    private async Task<TrainingOutcome> RunAsync(TrialConfig config, TrainingCheckpoint? resumeFrom, ITrainingObserver observer, CancellationToken cancellationToken)
    {
        if (FailingMaxLrs.Contains(config.MaxLr))
        {
            throw new InvalidOperationException($"scripted failure at max LR {config.MaxLr}");
        }

        var epochs = new List<EpochMetrics>();
        for (var epoch = (resumeFrom?.Epoch ?? 0) + 1; epoch <= config.CycleEpochs; epoch++)
        {
            if (epoch == HoldEpoch && _holds.TryGetValue(config.MaxLr, out var hold))
            {
                _reached[config.MaxLr].TrySetResult();
                await hold.Task.WaitAsync(cancellationToken);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (config.MaxLr > DivergesAbove)
            {
                epochs.Add(new EpochMetrics(epoch, double.NaN, double.NaN, 0.1, config.MaxLr, 1000));
                return new TrainingOutcome(TrialEnd.Diverged, epochs);
            }

            var metrics = new EpochMetrics(epoch, 1.0 / epoch, 1.0 / epoch, AccuracyOf(config, epoch), config.MaxLr, 1000);
            epochs.Add(metrics);
            await observer.OnEpochCompletedAsync(metrics, new TrainingCheckpoint(epoch, BitConverter.GetBytes(epoch)), cancellationToken);
        }

        return new TrainingOutcome(TrialEnd.Completed, epochs);
    }

    /// <summary>
    /// The first range test to report <paramref name="iterations"/> iterations waits there until
    /// <see cref="ReleaseRangeTest"/>; the task completes once it is waiting.
    /// </summary>
    public Task HoldRangeTestAfter(int iterations)
    {
        _rangeTestHoldAfter = iterations;
        return _rangeTestReached.Task;
    }

    public void ReleaseRangeTest() => _rangeTestRelease.TrySetResult();

    /// <summary>Iteration <paramref name="i"/> (from 0) of a range test: a falling loss on an exponential ramp, accuracy every fifth.</summary>
    public static RangeTestPoint RangeTestPointAt(RangeTestConfig config, int i) => new(
        config.StartLr * Math.Pow(config.EndLr / config.StartLr, i / (double)(config.Iterations - 1)), 2.0 - i * 0.01, (i + 1) % 5 == 0 ? 0.1 + i * 0.01 : null);

    /// <summary>Reports each iteration as it is recorded.</summary>
    public async Task<RangeTestOutcome> RangeTestAsync(RangeTestConfig config, IRangeTestObserver? observer, CancellationToken cancellationToken)
    {
        var counter = new RangeTestProgressCounter(config.Iterations);
        var points = new List<RangeTestPoint>(config.Iterations);
        for (var i = 0; i < config.Iterations; i++)
        {
            var point = RangeTestPointAt(config, i);
            points.Add(point);
            observer?.OnRangeTestProgress(counter.Record(point));
            if (i + 1 == _rangeTestHoldAfter && Interlocked.Exchange(ref _rangeTestHeld, 1) == 0)
            {
                _rangeTestReached.TrySetResult();
                await _rangeTestRelease.Task.WaitAsync(cancellationToken);
            }
        }

        return new RangeTestOutcome(points, false, config.Hessian ? HessianEstimateFor(config) : null);
    }

    /// <summary>The estimate a range test that asks for one returns: fixed numbers, a skipped layer and iteration among them.</summary>
    public static HessianFreeEstimate HessianEstimateFor(RangeTestConfig config) => new(
        0.25 * config.Seed,
        [new LayerLearningRate("stem", 0.2, 2, 0), new LayerLearningRate("classifier", null, 0, 2)],
        IterationsUsed: 1,
        IterationsSkipped: 1,
        Window: 20,
        Diverged: false,
        [new HessianFreeIteration(0, 2.3, 0.25, 0.25, [0.2, null]), new HessianFreeIteration(1, 2.2, null, 0.25, [0.2, null])]);
}
