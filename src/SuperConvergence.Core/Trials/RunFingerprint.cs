namespace SuperConvergence.Core.Trials;

/// <summary>
/// A stable 64-bit hash of everything that defines a run (never string.GetHashCode, which changes per process):
/// the simulated trainer's noise, failures and checkpoints are keyed by it.
/// </summary>
internal static class RunFingerprint
{
    public static ulong Of(TrialConfig config)
    {
        var hash = Text(0x545241494E494E47UL, config.Dataset);
        hash = Text(hash, config.Model);
        hash = SeededDraws.Combine(hash, config.MaxLr);
        hash = SeededDraws.Combine(hash, config.DivFactor);
        hash = SeededDraws.Combine(hash, config.FinalDivFactor);
        hash = SeededDraws.Combine(hash, config.WeightDecay);
        hash = SeededDraws.Combine(hash, (ulong)config.BatchSize);
        hash = SeededDraws.Combine(hash, (ulong)config.CycleEpochs);
        hash = SeededDraws.Combine(hash, config.BaseMomentum);
        hash = SeededDraws.Combine(hash, config.MaxMomentum);
        hash = SeededDraws.Combine(hash, (ulong)config.Seed);
        hash = SeededDraws.Combine(hash, (ulong)(config.TrainImages ?? -1));
        return SeededDraws.Combine(hash, (ulong)(config.TestImages ?? -1));
    }

    public static ulong Of(RangeTestConfig config)
    {
        var hash = Text(0x52414E4745544553UL, config.Dataset);
        hash = Text(hash, config.Model);
        hash = SeededDraws.Combine(hash, config.StartLr);
        hash = SeededDraws.Combine(hash, config.EndLr);
        hash = SeededDraws.Combine(hash, (ulong)config.Iterations);
        hash = SeededDraws.Combine(hash, (ulong)config.Ramp);
        hash = SeededDraws.Combine(hash, config.WeightDecay);
        hash = SeededDraws.Combine(hash, (ulong)config.BatchSize);
        hash = SeededDraws.Combine(hash, config.Momentum);
        hash = SeededDraws.Combine(hash, (ulong)config.Seed);
        hash = SeededDraws.Combine(hash, (ulong)(config.TrainImages ?? -1));
        return SeededDraws.Combine(hash, (ulong)(config.TestImages ?? -1));
    }

    private static ulong Text(ulong hash, string text)
    {
        foreach (var character in text)
        {
            hash = SeededDraws.Combine(hash, character);
        }

        return SeededDraws.Combine(hash, (ulong)text.Length);
    }
}
