namespace SuperConvergence.Core.Trials.Simulated;

/// <summary>
/// One simulated 1cycle run, as a pure function of its config: the final accuracy from <see cref="SimulatedSurface"/>,
/// the epoch it diverges in (if its max LR is above its divergence threshold), and the metrics of every epoch.
/// </summary>
internal sealed class SimulatedTrainingRun
{
    /// <summary>
    /// Nominal iterations per epoch: only the cycle's shape over an epoch matters to the simulation. An epoch's wall time
    /// is spent in this many equal steps, and a preempted run stops at the end of one of them.
    /// </summary>
    public const int StepsPerEpoch = 100;

    private const double EpochNoise = 0.003;
    private const double ReferenceImagesPerSecond = 4000;

    private readonly TrialConfig _config;
    private readonly CycleShape _cycle;

    public SimulatedTrainingRun(TrialConfig config)
    {
        _config = config;
        Fingerprint = RunFingerprint.Of(config);
        FinalAccuracy = SimulatedSurface.Accuracy(config, Fingerprint);
        _cycle = new CycleShape(config, StepsPerEpoch);
        DivergesInEpoch = _cycle.FirstEpochAbove(SimulatedSurface.DivergenceLr(config.BatchSize, Fingerprint));
    }

    public ulong Fingerprint { get; }

    public double FinalAccuracy { get; }

    /// <summary>The epoch whose LR first exceeds the run's divergence threshold; null when it never does.</summary>
    public int? DivergesInEpoch { get; }

    /// <summary>Where the run's cycle stands at the end of <paramref name="epoch"/>.</summary>
    public TrainingStep StepAtEndOf(int epoch) => _cycle.StepAtEndOf(epoch);

    public EpochMetrics Epoch(int epoch)
    {
        var learningRate = _cycle.LearningRateAtEndOf(epoch);
        var imagesPerSecond = ReferenceImagesPerSecond * Math.Sqrt(_config.BatchSize / 128.0);
        if (epoch >= DivergesInEpoch)
        {
            return new EpochMetrics(epoch, double.NaN, double.NaN, SimulatedSurface.ChanceAccuracy, learningRate, imagesPerSecond);
        }

        // 1cycle runs look poor while the LR is high and gain most of their accuracy in the annealing phase.
        var progress = (double)epoch / _config.CycleEpochs;
        var shape = 0.5 * progress + 0.5 * Math.Pow(progress, 4);
        var noise = epoch == _config.CycleEpochs ? 0 : EpochNoise * SeededDraws.Normal(SeededDraws.Combine(Fingerprint, (ulong)epoch));
        var accuracy = Math.Clamp(
            SimulatedSurface.ChanceAccuracy + (FinalAccuracy - SimulatedSurface.ChanceAccuracy) * shape + noise,
            SimulatedSurface.ChanceAccuracy,
            0.999);
        var testLoss = LossAt(accuracy);
        return new EpochMetrics(epoch, 0.9 * testLoss, testLoss, accuracy, learningRate, imagesPerSecond);
    }

    /// <summary>Cross-entropy-like: ln 10 at chance (10 classes), falling to 0 at perfect accuracy.</summary>
    internal static double LossAt(double accuracy) =>
        Math.Log(10) * Math.Pow((1 - accuracy) / (1 - SimulatedSurface.ChanceAccuracy), 1.3);
}
