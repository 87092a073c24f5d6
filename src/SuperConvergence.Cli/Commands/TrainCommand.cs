using System.Diagnostics;
using SuperConvergence.Training.Checkpoints;
using SuperConvergence.Training.Data.Tensors;

namespace SuperConvergence.Cli.Commands;

/// <summary>`sc train`: one training run with a chosen LR policy, progress per epoch, a JSON summary last.</summary>
public static class TrainCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command(
            "train",
            "Train a model with a learning-rate policy (1cycle by default) and print one JSON summary as the last line.\n\n" +
            "Examples:\n  sc train --dataset fashion-mnist --model resnet-small --policy onecycle --max-lr 0.8 --epochs 5 --batch-size 256\n" +
            "  sc train --policy multistep --max-lr 0.1 --epochs 5 --checkpoint-dir runs/a\n  sc train --policy multistep --max-lr 0.1 --epochs 5 --checkpoint-dir runs/a --resume");
        var run = new RunOptions();
        var policy = new PolicyOptions();
        var epochs = new Option<int>("--epochs") { Description = "Epochs to train (the schedule spans all of them)", DefaultValueFactory = _ => 5 };
        var checkpointDir = new Option<string?>("--checkpoint-dir") { Description = "Write a checkpoint (and the epoch's metrics) after every epoch into this directory, created if missing" };
        var resume = new Option<bool>("--resume") { Description = "Continue from the latest checkpoint in --checkpoint-dir (same settings required)" };
        run.AddTo(command);
        policy.AddTo(command);
        command.Options.Add(epochs);
        command.Options.Add(checkpointDir);
        command.Options.Add(resume);
        command.SetAction((parse, ct) =>
        {
            var resolved = run.Resolve(parse);
            var epochCount = parse.GetValue(epochs);
            OptionChecks.Require(epochCount >= 1, "--epochs", epochCount, "must be at least 1");
            var directory = parse.GetValue(checkpointDir);
            var resuming = parse.GetValue(resume);
            OptionChecks.Require(!resuming || directory is not null, "--resume", "true", "needs --checkpoint-dir to say where the checkpoints are");
            var schedule = policy.Resolve(parse, resolved.Setup.Optimizer.Nesterov);
            var plan = new TrainingPlan(
                resolved.Dataset, resolved.Setup.Model, resolved.Setup.Optimizer, schedule.Recipe, epochCount, resolved.BatchSize,
                resolved.Setup.Seed, resolved.Setup.WidthMultiplier, resolved.Selection);
            var checkpoints = directory is null ? null : new CheckpointDirectory(Path.GetFullPath(directory));
            var resumeFrom = resuming ? LatestCheckpoint(checkpoints!) : null;
            if (directory is not null)
            {
                OutputPaths.RequireWritableDirectory("--checkpoint-dir", directory);
                if (!resuming)
                {
                    RequireNoEarlierRun(checkpoints!, directory);
                }
            }

            return RunAsync(console, resolved, plan, schedule, checkpoints, resumeFrom, ct);
        });
        return command;
    }

    /// <summary>A fresh run would overwrite an earlier run's checkpoints epoch by epoch: refuse before training.</summary>
    private static void RequireNoEarlierRun(CheckpointDirectory checkpoints, string directory)
    {
        var files = checkpoints.RunFiles();
        var named = files.Where(name => name.EndsWith(".sccheckpoint", StringComparison.Ordinal)).ToList() is { Count: > 0 } written ? written : files;
        if (named.Count > 0)
        {
            var which = named.Count == 1 ? named[0] : $"{named[0]} … {named[^1]}";
            throw CliException.BadInput(
                "--checkpoint-dir", directory, $"already holds checkpoints of a run ({which}); pass --resume to continue that run, or choose another directory");
        }
    }

    private static TrainingCheckpoint LatestCheckpoint(CheckpointDirectory checkpoints) =>
        checkpoints.Latest()
        ?? throw new CliException($"--resume: no checkpoint in {checkpoints.Path}", ExitCodes.NotFound, "run once without --resume to create them");

    private static async Task<int> RunAsync(
        CliConsole console, ResolvedRun run, TrainingPlan plan, PolicyChoice schedule, CheckpointDirectory? checkpoints, TrainingCheckpoint? resumeFrom,
        CancellationToken cancellationToken)
    {
        var data = DatasetErrors.Prepare(run);
        var stepsPerEpoch = EpochBatches.StepsPerEpoch(data.Train.Count, plan.BatchSize);
        schedule.Check(stepsPerEpoch * plan.Epochs);
        var progress = new TrainingProgress(console, checkpoints, stepsPerEpoch, plan.Epochs);
        var runner = new TrainingRunner(run.Store, run.Device);
        var clock = Stopwatch.StartNew();
        TrainingOutcome outcome;
        try
        {
            outcome = await progress.RunAsync(() => runner.RunAsync(plan, resumeFrom?.State, progress, cancellationToken));
        }
        catch (CheckpointMismatchException e)
        {
            throw new CliException($"--resume: {Describe(e, checkpoints!.FileOf(resumeFrom!.Epoch))}", ExitCodes.BadInput);
        }

        var resumedFrom = resumeFrom?.Epoch ?? 0;
        var resumedMetrics = resumeFrom is null ? null : checkpoints!.MetricsOf(resumeFrom.Epoch);
        if (resumedFrom == plan.Epochs)
        {
            console.Error.WriteLine(resumedMetrics is null
                ? $"nothing left to train: the checkpoint in {checkpoints!.Path} is at epoch {resumedFrom} of {plan.Epochs}, and no metrics were saved beside it"
                : $"nothing left to train: the checkpoint in {checkpoints!.Path} is at epoch {resumedFrom} of {plan.Epochs}; the summary repeats that epoch's metrics");
        }

        var summary = TrainingSummary.From(outcome, resumedFrom, resumedMetrics, plan, schedule.Name, schedule.MaxLr, run.DeviceName, clock.Elapsed.TotalSeconds);
        if (outcome.Status == TrialEnd.Diverged)
        {
            console.Error.WriteLine($"diverged: the loss became NaN or infinite in epoch {summary.Epochs + 1}; a lower --max-lr may train");
        }

        console.Out.WriteLine(summary.ToJson());
        return ExitCodes.Ok;
    }

    /// <summary>"checkpoint FILE is corrupt (…)": the refusal with the file it is about.</summary>
    private static string Describe(CheckpointMismatchException refused, string file) =>
        refused.Message.StartsWith("checkpoint ", StringComparison.Ordinal)
            ? $"checkpoint {file} {refused.Message["checkpoint ".Length..]}"
            : $"{file}: {refused.Message}";
}
