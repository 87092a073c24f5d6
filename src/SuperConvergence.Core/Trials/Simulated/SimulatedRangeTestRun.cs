using SuperConvergence.Core.Randomness;
using SuperConvergence.Core.RangeTests;

namespace SuperConvergence.Core.Trials.Simulated;

/// <summary>
/// A simulated LR range test on the same surface as training: the loss starts to fall about two decades below the
/// cell's divergence threshold, bottoms out, climbs steeply just below it and turns NaN above it (where the curve
/// stops, as a real one does). Accuracy, where recorded, is the surface's one-epoch accuracy at that LR: high over a
/// wide plateau when super-convergence is possible, chance once the run has blown up.
/// </summary>
internal static class SimulatedRangeTestRun
{
    private const double InitialLoss = 2.3;
    private const double LossDrop = 1.9;
    private const double FallStartDecades = 2.0;
    private const double FallWidthDecades = 0.25;
    private const double BlowUpWidthDecades = 0.06;
    private const double BlowUpScale = 3.0;
    private const double NaNBeyondDecades = 0.1;
    private const double LossNoise = 0.03;
    private const double AccuracyNoise = 0.01;

    public static RangeTestOutcome Run(RangeTestConfig config, CancellationToken cancellationToken)
    {
        var fingerprint = RunFingerprint.Of(config);
        var threshold = SimulatedSurface.DivergenceLr(config.BatchSize, fingerprint);
        var divergence = Math.Log10(threshold);
        var points = new List<RangeTestPoint>(config.Iterations);
        for (var i = 0; i < config.Iterations; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var lr = LearningRate(config, i);
            var x = Math.Log10(lr);
            if (x > divergence + NaNBeyondDecades)
            {
                points.Add(new RangeTestPoint(lr, double.NaN, IsAccuracyStep(config, i) ? SimulatedSurface.ChanceAccuracy : null));
                return new RangeTestOutcome(points, Diverged: true);
            }

            var fall = 1 / (1 + Math.Exp(-(x - (divergence - FallStartDecades)) / FallWidthDecades));
            var blowUp = BlowUpScale * Math.Exp((x - divergence) / BlowUpWidthDecades);
            var noise = 1 + LossNoise * SeededDraws.Normal(SeededDraws.Combine(fingerprint, (ulong)i));
            var loss = (InitialLoss - LossDrop * fall + blowUp) * noise;
            double? accuracy = null;
            if (IsAccuracyStep(config, i))
            {
                accuracy = lr > threshold
                    ? SimulatedSurface.ChanceAccuracy
                    : Math.Clamp(
                        SimulatedSurface.ExpectedAccuracy(lr, config.WeightDecay, config.BatchSize, cycleEpochs: 1)
                            + AccuracyNoise * SeededDraws.Normal(SeededDraws.Combine(fingerprint, ~(ulong)i)),
                        SimulatedSurface.ChanceAccuracy,
                        0.999);
            }

            points.Add(new RangeTestPoint(lr, loss, accuracy));
        }

        return new RangeTestOutcome(points, Diverged: false);
    }

    private static bool IsAccuracyStep(RangeTestConfig config, int i) =>
        config.AccuracyEvery > 0 && (i + 1) % config.AccuracyEvery == 0;

    private static double LearningRate(RangeTestConfig config, int i)
    {
        var fraction = config.Iterations == 1 ? 0 : (double)i / (config.Iterations - 1);
        return config.Ramp == RangeTestRamp.Linear
            ? config.StartLr + (config.EndLr - config.StartLr) * fraction
            : config.StartLr * Math.Pow(config.EndLr / config.StartLr, fraction);
    }
}
