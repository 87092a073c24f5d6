using SuperConvergence.Core.Search;

namespace SuperConvergence.Cli.Sweeps;

/// <summary>
/// The JSON of `sc trial show` (docs/cli-json.md): the trial, its config and its per-epoch history; for range tests the
/// curve and, when asked for, the Hessian-free estimate.
/// </summary>
public static class TrialJson
{
    public static string Show(TrialView trial) => JsonWriting.Write(
        new TrialShowDocument(
            trial.TrialId,
            trial.Definition?.SweepId,
            trial.Kind is { } kind ? kind.ToWire() : null,
            trial.State.ToWire(),
            trial.Attempts,
            trial.ResumedFromEpoch,
            trial.ResumedFromStep,
            trial.Worker,
            Config(trial),
            trial.Accuracy,
            trial.Error,
            SweepJson.Wire(trial.StartedAt),
            SweepJson.Wire(trial.FinishedAt),
            [.. trial.Epochs.Select(e => new EpochDocument(e.Epoch, e.TrainLoss, e.TestLoss, e.TestAccuracy, e.LearningRate, e.ImagesPerSecond))],
            trial.Curve is { } curve ? [.. curve.Select(p => new CurvePointDocument(p.LearningRate, p.Loss, p.Accuracy))] : null,
            trial.Hessian is { } estimate ? HessianFreeJson.Document(estimate) : null),
        CliJsonContext.Default.TrialShowDocument);

    private static TrialShowConfigDocument? Config(TrialView trial)
    {
        var proposal = trial.Definition?.Proposal;
        if (proposal is TrainingProposal { Config: var c })
        {
            return new TrainingTrialConfigDocument(
                c.Dataset, c.Model, c.MaxLr, c.MinLr, c.FinalLr, c.WeightDecay, c.BatchSize, c.CycleEpochs,
                c.BaseMomentum, c.MaxMomentum, c.Seed, proposal.Cell, proposal.Round);
        }

        if (proposal is RangeTestProposal { Config: var r })
        {
            return new RangeTestTrialConfigDocument(
                r.Dataset, r.Model, r.StartLr, r.EndLr, r.Iterations, r.Ramp.ToString().ToLowerInvariant(), r.WeightDecay, r.BatchSize,
                r.Seed, r.Hessian, proposal.Cell, proposal.Round);
        }

        return null;
    }
}
