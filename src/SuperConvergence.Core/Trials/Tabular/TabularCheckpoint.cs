
namespace SuperConvergence.Core.Trials.Tabular;

/// <summary>The tabular trainer's checkpoints (<see cref="EpochCheckpoint"/> with its own tag): a replay is a pure function of (config, epoch).</summary>
internal static class TabularCheckpoint
{
    private const uint Tag = 0x53435431; // "SCT1"

    public static TrainingCheckpoint Write(int epoch, TrialConfig config) => EpochCheckpoint.Write(Tag, epoch, RunFingerprint.Of(config));

    /// <summary>The epoch the checkpoint was taken at; throws when it is not this config's checkpoint.</summary>
    public static int Read(TrainingCheckpoint checkpoint, TrialConfig config) =>
        EpochCheckpoint.Read(Tag, "tabular", checkpoint, RunFingerprint.Of(config), config.CycleEpochs);
}
