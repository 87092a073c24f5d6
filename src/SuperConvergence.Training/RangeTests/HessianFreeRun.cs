namespace SuperConvergence.Training.RangeTests;

/// <summary>
/// One Hessian-free LR estimate as the estimator runs it: a fresh model trained by plain SGD at a fixed, modest LR and
/// momentum for Iterations batches, reading the curvature along the gradient at every one (docs/range-test.md,
/// "Hessian-free estimate").
/// </summary>
/// <param name="Window">How many of the latest per-iteration estimates the trailing median covers.</param>
/// <param name="RelativeStep">The finite-difference perturbation as a fraction of the parameters' norm (see <see cref="CurvatureProbe"/>).</param>
public sealed record HessianFreeRun(
    string Dataset,
    ModelSetup Setup,
    int Iterations,
    double LearningRate,
    double Momentum,
    int BatchSize,
    DataSelection? Data = null,
    int Window = HessianFreeRun.DefaultWindow,
    double RelativeStep = HessianFreeRun.DefaultRelativeStep)
{
    public const int DefaultIterations = 100;

    /// <summary>Modest: well below where range tests of these models see the loss fall fastest, so training stays stable.</summary>
    public const double DefaultLearningRate = 0.01;

    public const int DefaultWindow = 20;

    /// <summary>ε·‖g‖ = 10⁻³·max(‖θ‖, 1): see <see cref="CurvatureProbe"/> for why.</summary>
    public const double DefaultRelativeStep = 1e-3;

    public DataSelection Selection => Data ?? DataSelection.All;

    /// <summary>
    /// The estimate a sweep's range test asks for (<see cref="RangeTestConfig.Hessian"/>): the defaults' iterations, LR,
    /// window and step, with the range test's model, seed, data, batch size, momentum and weight decay (plain SGD, as
    /// the range test trains).
    /// </summary>
    public static HessianFreeRun From(RangeTestConfig config, double widthMultiplier = 1.0) =>
        new(
            config.Dataset,
            new ModelSetup(config.Model, widthMultiplier, OptimizerSettings.Sgd(config.WeightDecay), config.Seed),
            DefaultIterations,
            DefaultLearningRate,
            config.Momentum,
            config.BatchSize,
            new DataSelection(TrainSubset: config.TrainImages, TestSubset: config.TestImages));

    /// <summary>Throws ArgumentException naming the first field that cannot work.</summary>
    public void Validate()
    {
        if (Setup.Optimizer.Kind != OptimizerKind.Sgd)
        {
            throw new ArgumentException($"the estimate trains with SGD (its step is what gᵀg/gᵀHg models), not {Setup.Optimizer.Kind}", nameof(Setup));
        }

        if (Iterations < 1)
        {
            throw new ArgumentException($"iterations must be at least 1, got {Iterations}", nameof(Iterations));
        }

        if (!double.IsFinite(LearningRate) || LearningRate <= 0)
        {
            throw new ArgumentException(Invariant($"learning rate must be a finite number > 0, got {LearningRate}"), nameof(LearningRate));
        }

        if (Momentum is < 0 or >= 1 || double.IsNaN(Momentum))
        {
            throw new ArgumentException(Invariant($"momentum must lie in [0, 1), got {Momentum}"), nameof(Momentum));
        }

        if (Setup.Optimizer.Nesterov && Momentum <= 0)
        {
            throw new ArgumentException("Nesterov momentum needs a momentum above zero", nameof(Momentum));
        }

        if (BatchSize < 2)
        {
            throw new ArgumentException($"batch size must be at least 2, got {BatchSize}", nameof(BatchSize));
        }

        if (Window < 1)
        {
            throw new ArgumentException($"window must be at least 1, got {Window}", nameof(Window));
        }

        if (!double.IsFinite(RelativeStep) || RelativeStep <= 0 || RelativeStep >= 1)
        {
            throw new ArgumentException(Invariant($"relative step must lie in (0, 1), got {RelativeStep}"), nameof(RelativeStep));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
