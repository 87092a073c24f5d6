using System.Text.Json;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Cli.RangeTests;

namespace SuperConvergence.Cli.Sweeps;

/// <summary>
/// The JSON of `sc trial show` (docs/cli-json.md): the trial, its config and its per-epoch history; for range tests the
/// curve and, when asked for, the Hessian-free estimate.
/// </summary>
public static class TrialJson
{
    public static string Show(TrialView trial) => JsonWriting.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("trialId", trial.TrialId);
            w.WriteStringOrNull("sweepId", trial.Definition?.SweepId);
            w.WriteStringOrNull("kind", trial.Kind is { } kind ? SweepJson.Wire(kind) : null);
            w.WriteString("state", trial.State.ToWire());
            w.WriteNumber("attempts", trial.Attempts);
            w.WriteNumberOrNull("resumedFromEpoch", trial.ResumedFromEpoch);
            w.WriteNumberOrNull("resumedFromStep", trial.ResumedFromStep);
            w.WriteStringOrNull("worker", trial.Worker);
            WriteConfig(w, trial);
            w.WriteNumberOrNull("accuracy", trial.Accuracy);
            w.WriteStringOrNull("error", trial.Error);
            w.WriteStringOrNull("startedAt", trial.StartedAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteStringOrNull("finishedAt", trial.FinishedAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteArrayOfObjects("epochs", trial.Epochs, static (o, e) =>
            {
                o.WriteNumber("epoch", e.Epoch);
                o.WriteNumberOrNull("trainLoss", e.TrainLoss);
                o.WriteNumberOrNull("testLoss", e.TestLoss);
                o.WriteNumberOrNull("testAccuracy", e.TestAccuracy);
                o.WriteNumberOrNull("learningRate", e.LearningRate);
                o.WriteNumberOrNull("imagesPerSecond", e.ImagesPerSecond);
            });
            if (trial.Curve is { } curve)
            {
                w.WriteArrayOfObjects("curve", curve, static (o, p) =>
                {
                    o.WriteNumberOrNull("lr", p.LearningRate);
                    o.WriteNumberOrNull("loss", p.Loss);
                    o.WriteNumberOrNull("accuracy", p.Accuracy);
                });
            }

            if (trial.Hessian is { } estimate)
            {
                HessianFreeJson.WriteProperty(w, "hessian", estimate);
            }

            w.WriteEndObject();
        });

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
            w.WriteNumberOrNull("maxLr", c.MaxLr);
            w.WriteNumberOrNull("minLr", c.MinLr);
            w.WriteNumberOrNull("finalLr", c.MinLr / c.FinalDivFactor);
            w.WriteNumberOrNull("weightDecay", c.WeightDecay);
            w.WriteNumber("batchSize", c.BatchSize);
            w.WriteNumber("cycleEpochs", c.CycleEpochs);
            w.WriteNumberOrNull("baseMomentum", c.BaseMomentum);
            w.WriteNumberOrNull("maxMomentum", c.MaxMomentum);
            w.WriteNumber("seed", c.Seed);
        }
        else if (proposal.RangeTest is { } r)
        {
            w.WriteString("dataset", r.Dataset);
            w.WriteString("model", r.Model);
            w.WriteNumberOrNull("startLr", r.StartLr);
            w.WriteNumberOrNull("endLr", r.EndLr);
            w.WriteNumber("iterations", r.Iterations);
            w.WriteString("ramp", r.Ramp.ToString().ToLowerInvariant());
            w.WriteNumberOrNull("weightDecay", r.WeightDecay);
            w.WriteNumber("batchSize", r.BatchSize);
            w.WriteNumber("seed", r.Seed);
            w.WriteBoolean("hessian", r.Hessian);
        }

        w.WriteString("cell", proposal.Cell);
        w.WriteNumber("round", proposal.Round);
        w.WriteEndObject();
    }



}
