using System.Text.Json.Serialization;

namespace SuperConvergence.Core.Trials.Command;

/// <summary>
/// The <c>config.json</c> a command trainer's program reads (docs/training.md#command-trainer): the same envelope for
/// both modes (which trial, and the data and network it trains), then the mode's own keys, then the subset sizes and
/// the schedule's path. Keys are snake_case for the Python scripts that read it; only ever added, never renamed; their
/// order is pinned by <see cref="JsonPropertyOrderAttribute"/> (the mode's own keys sit at 0, in declaration order).
/// </summary>
public abstract record CommandTrialConfig
{
    private protected CommandTrialConfig(
        TrialRun run, string mode, string dataset, string model, int seed, int batchSize, double weightDecay, int? trainImages, int? testImages, string schedule)
    {
        ArgumentNullException.ThrowIfNull(run);
        (SweepId, TrialId, Attempt, Mode) = (run.SweepId, run.TrialId, run.Attempt, mode);
        (Dataset, Model, Seed, BatchSize, WeightDecay) = (dataset, model, seed, batchSize, weightDecay);
        (TrainImages, TestImages, Schedule) = (trainImages, testImages, schedule);
    }

    [JsonPropertyOrder(-10)]
    public int Protocol => CommandTrialFiles.ProtocolVersion;

    [JsonPropertyOrder(-9)]
    public string Mode { get; }

    [JsonPropertyOrder(-8)]
    public string SweepId { get; }

    [JsonPropertyOrder(-7)]
    public string TrialId { get; }

    [JsonPropertyOrder(-6)]
    public int Attempt { get; }

    [JsonPropertyOrder(-5)]
    public string Dataset { get; }

    [JsonPropertyOrder(-4)]
    public string Model { get; }

    [JsonPropertyOrder(-3)]
    public int Seed { get; }

    [JsonPropertyOrder(-2)]
    public int BatchSize { get; }

    [JsonPropertyOrder(-1)]
    public double WeightDecay { get; }

    [JsonPropertyOrder(1)]
    public int? TrainImages { get; }

    [JsonPropertyOrder(2)]
    public int? TestImages { get; }

    [JsonPropertyOrder(9)]
    public string Schedule { get; }
}
