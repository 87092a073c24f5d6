using System.Text.Json.Serialization;

namespace SuperConvergence.Core.Trials.Command;

/// <summary>
/// The <c>config.json</c> a command trainer's program reads (docs/training.md#command-trainer): the same envelope for
/// both modes, then the mode's own keys, then the schedule's path. Keys are snake_case for the Python scripts that
/// read it; only ever added, never renamed.
/// </summary>
public abstract record CommandTrialConfig(
    [property: JsonPropertyOrder(-5)] int Protocol,
    [property: JsonPropertyOrder(-4)] string Mode,
    [property: JsonPropertyOrder(-3)] string SweepId,
    [property: JsonPropertyOrder(-2)] string TrialId,
    [property: JsonPropertyOrder(-1)] int Attempt,
    [property: JsonPropertyOrder(1)] string Schedule);

/// <summary>A training trial: its 1cycle, data and where to save and resume.</summary>
public sealed record CommandTrainingConfig(
    int Protocol, string Mode, string SweepId, string TrialId, int Attempt,
    string Dataset,
    string Model,
    int Seed,
    int BatchSize,
    double WeightDecay,
    double MaxLr,
    double MinLr,
    double FinalLr,
    double DivFactor,
    double FinalDivFactor,
    double BaseMomentum,
    double MaxMomentum,
    int CycleEpochs,
    int StepsPerEpoch,
    int? TrainImages,
    int? TestImages,
    string CheckpointDir,
    string? ResumeDir,
    int ResumeEpoch,
    string Schedule) : CommandTrialConfig(Protocol, Mode, SweepId, TrialId, Attempt, Schedule);

/// <summary>A range test: its LR ramp and data.</summary>
public sealed record CommandRangeTestConfig(
    int Protocol, string Mode, string SweepId, string TrialId, int Attempt,
    string Dataset,
    string Model,
    int Seed,
    int BatchSize,
    double WeightDecay,
    double StartLr,
    double EndLr,
    int Iterations,
    string Ramp,
    double Momentum,
    int AccuracyEvery,
    int? TrainImages,
    int? TestImages,
    string Schedule) : CommandTrialConfig(Protocol, Mode, SweepId, TrialId, Attempt, Schedule);

/// <summary>The config's contract, generated at build time.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CommandTrainingConfig))]
[JsonSerializable(typeof(CommandRangeTestConfig))]
internal sealed partial class CommandTrialJsonContext : JsonSerializerContext;
