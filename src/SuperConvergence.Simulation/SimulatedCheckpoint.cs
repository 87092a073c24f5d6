namespace SuperConvergence.Core.Trials.Simulated;

/// <summary>The simulated trainer's checkpoints (<see cref="EpochCheckpoint"/> with its own tag).</summary>
internal static class SimulatedCheckpoint
{
    private const uint Tag = 0x53435331; // "SCS1"

    public static TrainingCheckpoint Write(int epoch, ulong fingerprint, int stepInEpoch = 0) => EpochCheckpoint.Write(Tag, epoch, fingerprint, stepInEpoch);

    /// <summary>Whole epochs and steps of the next done at the checkpoint; throws when it is not this run's checkpoint.</summary>
    public static (int Epoch, int StepInEpoch) Read(TrainingCheckpoint checkpoint, ulong fingerprint, int cycleEpochs) =>
        EpochCheckpoint.ReadPosition(Tag, "simulated", checkpoint, fingerprint, cycleEpochs, SimulatedTrainingRun.StepsPerEpoch);
}
