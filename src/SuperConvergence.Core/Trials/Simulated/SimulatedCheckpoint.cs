namespace SuperConvergence.Core.Trials.Simulated;

/// <summary>The simulated trainer's checkpoints (<see cref="EpochCheckpoint"/> with its own tag).</summary>
internal static class SimulatedCheckpoint
{
    private const uint Tag = 0x53435331; // "SCS1"

    public static TrainingCheckpoint Write(int epoch, ulong fingerprint) => EpochCheckpoint.Write(Tag, epoch, fingerprint);

    /// <summary>The epoch the checkpoint was taken at; throws when it is not this run's checkpoint.</summary>
    public static int Read(TrainingCheckpoint checkpoint, ulong fingerprint, int cycleEpochs) =>
        EpochCheckpoint.Read(Tag, "simulated", checkpoint, fingerprint, cycleEpochs);
}
