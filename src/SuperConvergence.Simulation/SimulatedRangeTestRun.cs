using SuperConvergence.Core.RangeTests;

namespace SuperConvergence.Core.Trials.Simulated;

/// <summary>
/// A simulated LR range test on the same surface as training: the loss starts to fall about two decades below the
/// cell's divergence threshold, bottoms out, climbs steeply just below it and turns NaN above it (where the curve
/// stops, as a real one does). Accuracy, where recorded, is <see cref="SimulatedSurface.RangeTestAccuracy"/> plus noise:
/// high over a wide plateau when super-convergence is possible, chance once the run has blown up.
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
    private const double AccuracyNoise = 0.004;

    public static RangeTestOutcome Run(RangeTestConfig config, CancellationToken cancellationToken)
    {
        var fingerprint = RunFingerprint.Of(config);
        var threshold = SimulatedSurface.DivergenceLr(config.BatchSize, fingerprint);
        var divergence = Math.Log10(threshold);
        var plan = new RangeTestPlan(config.StartLr, config.EndLr, config.Iterations, config.Ramp);
        var points = new List<RangeTestPoint>(config.Iterations);
        for (var i = 0; i < config.Iterations; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var lr = plan.LearningRateAt(i);
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
                        SimulatedSurface.RangeTestAccuracy(lr, config.WeightDecay, config.BatchSize)
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
}
