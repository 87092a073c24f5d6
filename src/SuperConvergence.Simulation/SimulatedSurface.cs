namespace SuperConvergence.Core.Trials.Simulated;

/// <summary>
/// The simulated trainer's response surface (docs/algorithm.md draws it): final test accuracy of a 1cycle run as a
/// function of max LR η, weight decay λ, batch size B and cycle length L, shaped after the super-convergence
/// paper's observations rather than fitted to any dataset:
/// <list type="bullet">
/// <item>Divergence above η_div(B) = 2·√(B/128): larger batches average out gradient noise and tolerate larger LRs.</item>
/// <item>Accuracy rises with log η (a logistic in log10 η centred 1.5 decades below η_div) to a wide plateau —
/// the regime where super-convergence is possible — and falls off sharply just before η_div.</item>
/// <item>Large LRs regularise, so total regularisation depends on the product λ·η: accuracy loses
/// 0.04·log10(λ·η / 5e-5)² (the best weight decay shrinks as the LR grows).</item>
/// <item>Batches above 128 generalise a little worse: −0.01 per doubling.</item>
/// <item>Longer cycles raise the ceiling with diminishing returns: 0.94 − 0.06/√L.</item>
/// <item>Seeded noise: N(0, 0.004) on the accuracy and N(0, 0.02) decades on the divergence threshold, both from a
/// hash of the seed and the whole config, so the same config and seed always give the same run.</item>
/// </list>
/// </summary>
public static class SimulatedSurface
{
    public const double ChanceAccuracy = 0.1;
    public const double AccuracyNoise = 0.004;
    public const double ThresholdNoiseDecades = 0.02;

    private const double ReferenceBatch = 128;
    private const double DivergenceLrAtReference = 2.0;
    private const double PlateauStartDecades = 1.5;
    private const double RangeTestPlateauStartDecades = 2.0;
    private const double RangeTestRegularisationShare = 0.25;
    private const double RiseWidthDecades = 0.12;
    private const double EdgeWidthDecades = 0.06;
    private const double EdgePenalty = 0.3;
    private const double RegularisationTarget = 5e-5;
    private const double RegularisationPenalty = 0.04;
    private const double LargeBatchPenaltyPerDoubling = 0.01;
    private const double WeakestWeightDecay = 1e-6; // λ = 0 still leaves the LR's own regularisation

    /// <summary>η_div(B), the nominal max LR above which a run of batch size B diverges.</summary>
    public static double DivergenceLr(int batchSize) => DivergenceLrAtReference * Math.Sqrt(batchSize / ReferenceBatch);

    /// <summary>The highest accuracy a cycle of <paramref name="cycleEpochs"/> can reach.</summary>
    public static double Ceiling(int cycleEpochs) => 0.94 - 0.06 / Math.Sqrt(cycleEpochs);

    /// <summary>Final accuracy without noise (the quantity the tests locate the optimum of).</summary>
    public static double ExpectedAccuracy(double maxLr, double weightDecay, int batchSize, int cycleEpochs) =>
        Accuracy(maxLr, weightDecay, batchSize, cycleEpochs, PlateauStartDecades, regularisationShare: 1);

    /// <summary>
    /// Test accuracy a range test measures at <paramref name="lr"/>, without noise. It reaches its plateau half a decade
    /// earlier than a cycle's final accuracy (at LR η the ramp has already trained through every smaller LR), and
    /// weight decay has had a quarter of the effect (a range test is a few hundred steps): a plateau about a decade
    /// wide when the weight decay is small, narrower when it is large.
    /// </summary>
    public static double RangeTestAccuracy(double lr, double weightDecay, int batchSize) =>
        Accuracy(lr, weightDecay, batchSize, cycleEpochs: 1, RangeTestPlateauStartDecades, RangeTestRegularisationShare);

    private static double Accuracy(double maxLr, double weightDecay, int batchSize, int cycleEpochs, double plateauStart, double regularisationShare)
    {
        var x = Math.Log10(maxLr);
        var divergence = Math.Log10(DivergenceLr(batchSize));
        var rise = 1 / (1 + Math.Exp(-(x - (divergence - plateauStart)) / RiseWidthDecades));
        var edge = EdgePenalty * Math.Exp(-(divergence - x) / EdgeWidthDecades);
        var regularisation = Math.Log10(Math.Max(weightDecay, WeakestWeightDecay) * maxLr / RegularisationTarget);
        var accuracy = ChanceAccuracy + (Ceiling(cycleEpochs) - ChanceAccuracy) * rise
            - regularisationShare * RegularisationPenalty * regularisation * regularisation
            - edge
            - LargeBatchPenaltyPerDoubling * Math.Max(0, Math.Log2(batchSize / ReferenceBatch));
        return Math.Clamp(accuracy, ChanceAccuracy, 0.999);
    }

    /// <summary>The run's actual divergence threshold: η_div(B) moved by the run's seeded jitter.</summary>
    public static double DivergenceLr(int batchSize, ulong runHash) =>
        DivergenceLr(batchSize) * Math.Pow(10, ThresholdNoiseDecades * SeededDraws.Normal(SeededDraws.Combine(runHash, 0x7448524553484F4CUL)));

    /// <summary>Final accuracy of one run: the expectation plus the run's seeded noise.</summary>
    public static double Accuracy(TrialConfig config, ulong runHash) => Math.Clamp(
        ExpectedAccuracy(config.MaxLr, config.WeightDecay, config.BatchSize, config.CycleEpochs)
            + AccuracyNoise * SeededDraws.Normal(SeededDraws.Combine(runHash, 0x4143435552414359UL)),
        ChanceAccuracy,
        0.999);
}
