using System.Text.Json.Serialization;

namespace SuperConvergence.Core.Trials.Command;

/// <summary>A training trial's <c>config.json</c>: its 1cycle, and where to save and resume.</summary>
public sealed record CommandTrainingConfig : CommandTrialConfig
{
    public CommandTrainingConfig(TrialRun run, TrialConfig config, int stepsPerEpoch, string checkpointDir, string? resumeDir, int resumeEpoch, string schedule)
        : base(run, "train", config.Dataset, config.Model, config.Seed, config.BatchSize, config.WeightDecay, config.TrainImages, config.TestImages, schedule)
    {
        (MaxLr, MinLr, FinalLr) = (config.MaxLr, config.MinLr, config.FinalLr);
        (DivFactor, FinalDivFactor, BaseMomentum, MaxMomentum) = (config.DivFactor, config.FinalDivFactor, config.BaseMomentum, config.MaxMomentum);
        (CycleEpochs, StepsPerEpoch) = (config.CycleEpochs, stepsPerEpoch);
        (CheckpointDir, ResumeDir, ResumeEpoch) = (checkpointDir, resumeDir, resumeEpoch);
    }

    public double MaxLr { get; }

    public double MinLr { get; }

    public double FinalLr { get; }

    public double DivFactor { get; }

    public double FinalDivFactor { get; }

    public double BaseMomentum { get; }

    public double MaxMomentum { get; }

    public int CycleEpochs { get; }

    public int StepsPerEpoch { get; }

    [JsonPropertyOrder(3)]
    public string CheckpointDir { get; }

    /// <summary>The checkpoint to resume from; null when the trial starts from scratch.</summary>
    [JsonPropertyOrder(4)]
    public string? ResumeDir { get; }

    [JsonPropertyOrder(5)]
    public int ResumeEpoch { get; }
}
