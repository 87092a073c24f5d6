using System.Text;
using System.Text.Json;
using SuperConvergence.Abstractions.Trials;

namespace SuperConvergence.Cli.Sweeps;

/// <summary>The JSON of `sc trial show` (docs/cli-json.md): the trial, its config and its per-epoch history.</summary>
public static class TrialJson
{
    public static string Show(TrialView trial)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("trialId", trial.TrialId);
            WriteNullable(w, "sweepId", trial.Definition?.SweepId);
            WriteNullable(w, "kind", trial.Kind is { } kind ? SweepJson.Wire(kind) : null);
            w.WriteString("state", trial.State.ToWire());
            w.WriteNumber("attempts", trial.Attempts);
            WriteNumber(w, "resumedFromEpoch", trial.ResumedFromEpoch);
            WriteNullable(w, "worker", trial.Worker);
            WriteConfig(w, trial);
            WriteNumber(w, "accuracy", trial.Accuracy);
            WriteNullable(w, "error", trial.Error);
            WriteNullable(w, "startedAt", trial.StartedAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            WriteNullable(w, "finishedAt", trial.FinishedAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteStartArray("epochs");
            foreach (var e in trial.Epochs)
            {
                w.WriteStartObject();
                w.WriteNumber("epoch", e.Epoch);
                WriteNumber(w, "trainLoss", e.TrainLoss);
                WriteNumber(w, "testLoss", e.TestLoss);
                WriteNumber(w, "testAccuracy", e.TestAccuracy);
                WriteNumber(w, "learningRate", e.LearningRate);
                WriteNumber(w, "imagesPerSecond", e.ImagesPerSecond);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (trial.Curve is { } curve)
            {
                w.WriteStartArray("curve");
                foreach (var p in curve)
                {
                    w.WriteStartObject();
                    WriteNumber(w, "lr", p.LearningRate);
                    WriteNumber(w, "loss", p.Loss);
                    WriteNumber(w, "accuracy", p.Accuracy);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteConfig(Utf8JsonWriter w, TrialView trial)
    {
        var proposal = trial.Definition?.Proposal;
        if (proposal is null)
        {
            w.WriteNull("config");
            return;
        }

        w.WriteStartObject("config");
        if (proposal.Train is { } c)
        {
            w.WriteString("dataset", c.Dataset);
            w.WriteString("model", c.Model);
            WriteNumber(w, "maxLr", c.MaxLr);
            WriteNumber(w, "minLr", c.MinLr);
            WriteNumber(w, "finalLr", c.MinLr / c.FinalDivFactor);
            WriteNumber(w, "weightDecay", c.WeightDecay);
            w.WriteNumber("batchSize", c.BatchSize);
            w.WriteNumber("cycleEpochs", c.CycleEpochs);
            WriteNumber(w, "baseMomentum", c.BaseMomentum);
            WriteNumber(w, "maxMomentum", c.MaxMomentum);
            w.WriteNumber("seed", c.Seed);
        }
        else if (proposal.RangeTest is { } r)
        {
            w.WriteString("dataset", r.Dataset);
            w.WriteString("model", r.Model);
            WriteNumber(w, "startLr", r.StartLr);
            WriteNumber(w, "endLr", r.EndLr);
            w.WriteNumber("iterations", r.Iterations);
            w.WriteString("ramp", r.Ramp.ToString().ToLowerInvariant());
            WriteNumber(w, "weightDecay", r.WeightDecay);
            w.WriteNumber("batchSize", r.BatchSize);
            w.WriteNumber("seed", r.Seed);
        }

        w.WriteString("cell", proposal.Cell);
        w.WriteNumber("round", proposal.Round);
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, double? value)
    {
        if (value is double v && double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, int? value)
    {
        if (value is int v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
