using System.Text.Json;
using SuperConvergence.Abstractions.Sweeps;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Core.Search;

namespace SuperConvergence.Cli.Sweeps;

/// <summary>
/// The stable JSON contracts of the sweep commands (docs/cli-json.md). Keys are never renamed or removed; new keys
/// may be added. Numbers are written in their shortest round-trip form; NaN and infinities are written as null.
/// </summary>
public static class SweepJson
{
    public static string Status(SweepStatus status) => JsonWriting.Write(w => WriteStatus(w, status));

    public static string Best(IReadOnlyList<BestTrial> best) => JsonWriting.Write(w =>
    {
        w.WriteStartArray();
        foreach (var trial in best)
        {
            w.WriteStartObject();
            w.WriteString("trialId", trial.TrialId);
            w.WriteNumberOrNull("maxLr", trial.MaxLr);
            w.WriteNumberOrNull("minLr", trial.MinLr);
            w.WriteNumberOrNull("weightDecay", trial.WeightDecay);
            w.WriteNumber("batchSize", trial.BatchSize);
            w.WriteNumber("cycleEpochs", trial.CycleEpochs);
            w.WriteNumberOrNull("accuracy", trial.Accuracy);
            w.WriteNumber("epochs", trial.Epochs);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    /// <summary>The `trials` entries of the status JSON, as one array (`sc sweep export --format json`).</summary>
    public static string Trials(IEnumerable<TrialSummary> trials) => JsonWriting.Write(w =>
    {
        w.WriteStartArray();
        foreach (var trial in trials)
        {
            WriteTrial(w, trial);
        }

        w.WriteEndArray();
    });

    public static string SweepId(string sweepId) => JsonWriting.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("sweepId", sweepId);
        w.WriteEndObject();
    });

    public static string List(IReadOnlyList<SweepListing> sweeps) => JsonWriting.Write(w =>
    {
        w.WriteStartArray();
        foreach (var sweep in sweeps)
        {
            w.WriteStartObject();
            w.WriteString("sweepId", sweep.SweepId);
            w.WriteString("name", sweep.Name);
            w.WriteString("state", Wire(sweep.State));
            w.WriteString("createdAt", sweep.CreatedAt);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    public static string Wire(SweepState state) => state switch
    {
        SweepState.NotStarted => "not-started",
        _ => state.ToString().ToLowerInvariant(),
    };

    public static string Wire(TrialKind kind) => kind == TrialKind.RangeTest ? "range-test" : "train";

    private static void WriteStatus(Utf8JsonWriter w, SweepStatus status)
    {
        w.WriteStartObject();
        w.WriteString("sweepId", status.SweepId);
        w.WriteString("name", status.Name);
        w.WriteString("state", Wire(status.State));
        w.WriteNumber("round", status.Round);
        w.WriteStartObject("bounds");
        w.WriteNumberOrNull("min", status.Bounds.Min);
        w.WriteNumberOrNull("max", status.Bounds.Max);
        w.WriteEndObject();
        w.WriteString("phase", status.Phase);
        w.WriteStringOrNull("boundsSource", status.BoundsSource);
        w.WriteStringOrNull("firstFailure", status.FirstFailure);
        w.WriteNumber("totalTrials", status.TotalTrials);
        w.WriteStartObject("counts");
        foreach (var (state, count) in status.Counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(state, count);
        }

        w.WriteEndObject();
        w.WriteNumber("trialEpochsUsed", status.TrialEpochsUsed);
        w.WriteStringOrNull("createdAt", status.StartedAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteStringOrNull("finishedAt", status.FinishedAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteArrayOfObjects("history", status.History, static (o, round) =>
        {
            o.WriteNumber("round", round.Round);
            o.WriteNumberOrNull("min", round.Bounds.Min);
            o.WriteNumberOrNull("max", round.Bounds.Max);
            o.WriteNumberOrNull("bestAccuracy", round.BestAccuracy);
        });
        w.WriteNumber("trialOffset", status.TrialOffset);
        w.WriteStartArray("trials");
        foreach (var trial in status.Trials)
        {
            WriteTrial(w, trial);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteTrial(Utf8JsonWriter w, TrialSummary trial)
    {
        w.WriteStartObject();
        w.WriteString("trialId", trial.TrialId);
        w.WriteString("kind", Wire(trial.Kind));
        w.WriteString("state", trial.State.ToWire());
        w.WriteNumber("attempts", trial.Attempts);
        w.WriteNumberOrNull("resumedFromEpoch", trial.ResumedFromEpoch);
        w.WriteStringOrNull("worker", trial.Worker);

        w.WriteStartObject("config");
        var config = trial.Proposal.Train;
        var rangeTest = trial.Proposal.RangeTest;
        w.WriteNumberOrNull("maxLr", config?.MaxLr);
        w.WriteNumberOrNull("minLr", config?.MinLr);
        w.WriteNumberOrNull("weightDecay", config?.WeightDecay ?? rangeTest?.WeightDecay);
        w.WriteNumberOrNull("batchSize", config?.BatchSize ?? rangeTest?.BatchSize);
        w.WriteNumberOrNull("cycleEpochs", config?.CycleEpochs);
        w.WriteEndObject();
        w.WriteNumberOrNull("accuracy", trial.Accuracy);
        w.WriteNumber("epochsCompleted", trial.EpochsCompleted);
        w.WriteObjectOrNull("latest", trial.LatestEpoch, static (o, latest) =>
        {
            o.WriteNumber("epoch", latest.Epoch);
            o.WriteNumberOrNull("trainLoss", latest.TrainLoss);
            o.WriteNumberOrNull("testLoss", latest.TestLoss);
            o.WriteNumberOrNull("testAccuracy", latest.TestAccuracy);
        });
        w.WriteObjectOrNull("rangeTest", trial.RangeTestProgress, static (o, progress) =>
        {
            o.WriteNumber("iterations", progress.Iterations);
            o.WriteNumber("plannedIterations", progress.PlannedIterations);
            o.WriteNumberOrNull("learningRate", progress.LearningRate);
            o.WriteNumberOrNull("loss", progress.Loss);
            o.WriteNumberOrNull("accuracy", progress.Accuracy);
        });

        w.WriteEndObject();
    }
}
