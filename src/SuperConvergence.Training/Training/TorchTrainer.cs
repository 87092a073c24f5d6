using SuperConvergence.Training.RangeTests;
using static TorchSharp.torch;

namespace SuperConvergence.Training.Training;

/// <summary>Settings a worker host applies to every trial it trains with libtorch.</summary>
public sealed record TorchTrainerOptions(double WidthMultiplier = 1.0, bool Nesterov = false, int EvaluationBatchSize = 1000)
{
    public static TorchTrainerOptions Default { get; } = new();
}

/// <summary>
/// The real trainer behind Core's <see cref="ITrainer"/> seam: 1cycle training and LR range tests with TorchSharp on
/// one device. Tensor work runs on dedicated threads; the observer is called back in the caller's context after
/// each epoch, with the epoch's metrics and a checkpoint that resumes the trial exactly.
/// </summary>
public sealed class TorchTrainer(DatasetStore datasets, Device device, TorchTrainerOptions? options = null) : ITrainer
{
    private readonly TorchTrainerOptions _settings = options ?? TorchTrainerOptions.Default;
    private readonly TrainingRunner _runner = new(datasets, device);
    private readonly RangeTestRunner _rangeTests = new(datasets, device);
    private readonly HessianFreeEstimator _hessianFree = new(datasets, device);

    public Task<TrainingOutcome> TrainAsync(TrialConfig config, TrainingCheckpoint? resumeFrom, ITrainingObserver observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observer);
        return _runner.RunAsync(PlanFor(config), resumeFrom?.State, new ObserverCallbacks(observer), cancellationToken);
    }

    /// <summary>
    /// The observer hears of every iteration, on the training thread, from the loss the step already read. With
    /// <see cref="RangeTestConfig.Hessian"/> the Hessian-free estimate follows the curve, on a fresh model of the same
    /// seed; the observer hears nothing more while it runs (the curve's progress stays at its end).
    /// </summary>
    public async Task<RangeTestOutcome> RangeTestAsync(RangeTestConfig config, IRangeTestObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var counter = new RangeTestProgressCounter(config.Iterations);
        Action<RangeTestPoint>? onPoint = observer is null ? null : point => observer.OnRangeTestProgress(counter.Record(point));
        var curve = await _rangeTests.RunAsync(RangeTestRun.From(config, _settings.WidthMultiplier), onPoint, cancellationToken);
        if (!config.Hessian)
        {
            return curve;
        }

        var estimate = await _hessianFree.RunAsync(HessianFreeRun.From(config, _settings.WidthMultiplier), onIteration: null, cancellationToken);
        return curve with { Hessian = estimate };
    }

    /// <summary>The training plan a trial config stands for: SGD with momentum, 1cycle over CycleEpochs.</summary>
    public TrainingPlan PlanFor(TrialConfig config) =>
        new(
            config.Dataset,
            config.Model,
            OptimizerSettings.Sgd(config.WeightDecay, _settings.Nesterov),
            OneCycle(config),
            config.CycleEpochs,
            config.BatchSize,
            config.Seed,
            _settings.WidthMultiplier,
            new DataSelection(TrainSubset: config.TrainImages, TestSubset: config.TestImages),
            _settings.EvaluationBatchSize);

    /// <summary>The trial's 1cycle (PyTorch OneCycleLR's shape: 30% warm-up, cosine) over all its steps.</summary>
    private static ScheduleRecipe OneCycle(TrialConfig config) =>
        new(
            string.Create(
                CultureInfo.InvariantCulture,
                $"onecycle(max_lr={config.MaxLr:R},div={config.DivFactor:R},final_div={config.FinalDivFactor:R},momentum={config.BaseMomentum:R}-{config.MaxMomentum:R})"),
            steps => CyclePlan.ScheduleOver(config, steps));

    /// <summary>Hands each step's position and each epoch's metrics and checkpoint to the orchestration layer's observer.</summary>
    private sealed class ObserverCallbacks(ITrainingObserver observer) : TrainingCallbacks
    {
        public override bool WantsCheckpoints => true;

        public override void OnIteration(in IterationMetrics metrics) =>
            observer.OnStep(new TrainingStep(metrics.Step + 1L, metrics.TotalSteps, metrics.Epoch, metrics.LearningRate, metrics.Momentum));

        public override CancellationToken Preemption => observer.Preemption;

        public override ValueTask OnEpochCompletedAsync(EpochMetrics metrics, TrainingCheckpoint? checkpoint, CancellationToken cancellationToken) =>
            observer.OnEpochCompletedAsync(metrics, checkpoint!, cancellationToken);
    }
}
