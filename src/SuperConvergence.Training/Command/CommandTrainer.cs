using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials.Command;

namespace SuperConvergence.Training.Command;

/// <summary>
/// Runs a trial as the user's own program (<c>trainer: {kind: command, run: [PROGRAM, ARGS…]}</c>): hands it the
/// trial's files (<see cref="CommandTrialFiles"/>), reads one JSON line per epoch, or per iteration in a range test
/// (<see cref="CommandOutput"/>), packs the checkpoint it saved after each epoch for the cluster's store and unpacks
/// it for the attempt that resumes. A program that exits early, prints what is not due, or goes quiet for longer than
/// the spec's line timeout fails its trial with a <see cref="CommandTrainerException"/> that carries its last stderr
/// lines; cancellation stops it (SIGTERM to its process group, SIGKILL after the grace period). One instance runs one
/// attempt; docs/training.md#command-trainer is the protocol.
/// </summary>
public sealed class CommandTrainer(CommandTrainerSpec spec, TrialRun run, CommandTrainerOptions options) : ITrainer
{
    /// <summary>
    /// The environment entry that gives the user's program the path of the attempt's config.json. Set for the program,
    /// never read by the silo, so not one of the silo's settings (docs/cluster.md's table).
    /// </summary>
    public const string ProgramConfigEnvironmentName = "SC_TRIAL_CONFIG";

    private TimeProvider Clock => options.TimeProvider;

    public async Task<TrainingOutcome> TrainAsync(TrialConfig config, TrainingCheckpoint? resumeFrom, ITrainingObserver observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(observer);
        var files = CreateFiles();
        try
        {
            var resumeEpoch = 0;
            if (resumeFrom is not null)
            {
                Directory.CreateDirectory(files.Resume);
                resumeEpoch = CommandCheckpoint.Unpack(resumeFrom, config, files.Resume);
            }

            files.WriteTraining(run, config, spec.StepsPerEpoch, resumeEpoch);
            var schedule = CyclePlan.ScheduleOf(config, spec.StepsPerEpoch);
            await using var program = Start(files);
            var epochs = new List<EpochMetrics>();
            var status = TrialEnd.Completed;
            var since = Clock.GetTimestamp();
            for (var epoch = resumeEpoch + 1; epoch <= config.CycleEpochs; epoch++)
            {
                var what = $"epoch {epoch} of {config.CycleEpochs}";
                var line = await NextLineAsync(program, what, cancellationToken).ConfigureAwait(false)
                    ?? throw await FailureAsync(program, await ExitedEarlyAsync(program, what, epochs.Count + resumeEpoch, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
                var seconds = Clock.GetElapsedTime(since).TotalSeconds;
                since = Clock.GetTimestamp();
                var imagesPerSecond = seconds > 0 ? (double)spec.StepsPerEpoch * config.BatchSize / seconds : 0;
                var planned = schedule.At((epoch * spec.StepsPerEpoch) - 1);
                var reported = await Guard(program, () => CommandOutput.Epoch(line.Text, line.Number, epoch, planned.LearningRate, imagesPerSecond)).ConfigureAwait(false);
                if (reported.Diverged)
                {
                    status = TrialEnd.Diverged;
                    break;
                }

                var checkpoint = await Guard(program, () => Pack(files, epoch, config)).ConfigureAwait(false);
                epochs.Add(reported.Metrics!);

                // The program reports epochs, not steps: live views get the epoch's end, with the LR it used.
                observer.OnStep(new TrainingStep(
                    (long)epoch * spec.StepsPerEpoch, (long)config.CycleEpochs * spec.StepsPerEpoch, epoch, reported.Metrics!.LearningRate, planned.Momentum));
                await observer.OnEpochCompletedAsync(reported.Metrics!, checkpoint, cancellationToken).ConfigureAwait(false);
            }

            await ExpectEndAsync(program, status == TrialEnd.Diverged ? "the line that said it diverged" : "its last epoch", cancellationToken).ConfigureAwait(false);
            return new TrainingOutcome(status, epochs);
        }
        finally
        {
            Delete(files);
        }
    }

    public async Task<RangeTestOutcome> RangeTestAsync(RangeTestConfig config, IRangeTestObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var files = CreateFiles();
        try
        {
            files.WriteRangeTest(run, config);
            var plan = new RangeTestPlan(config.StartLr, config.EndLr, config.Iterations, config.Ramp);
            await using var program = Start(files);
            var points = new List<RangeTestPoint>();
            var progress = new RangeTestProgressCounter(config.Iterations);
            while (points.Count < config.Iterations)
            {
                var iteration = points.Count + 1;
                var line = await NextLineAsync(program, $"iteration {iteration} of {config.Iterations}", cancellationToken).ConfigureAwait(false);
                if (line is null)
                {
                    // A range test that blew up stops early: the curve so far is its result, if it exited cleanly.
                    var code = await ExitCodeAsync(program, cancellationToken).ConfigureAwait(false);
                    if (code != 0 || points.Count == 0)
                    {
                        throw await FailureAsync(program, $"exited with code {code} before reporting iteration {iteration} of {config.Iterations}").ConfigureAwait(false);
                    }

                    return new RangeTestOutcome(points, Diverged: true);
                }

                var point = await Guard(program, () => CommandOutput.Iteration(line.Value.Text, line.Value.Number, iteration, plan.LearningRateAt(iteration - 1))).ConfigureAwait(false);
                points.Add(point);
                observer?.OnRangeTestProgress(progress.Record(point));
            }

            await ExpectEndAsync(program, "its last iteration", cancellationToken).ConfigureAwait(false);
            return new RangeTestOutcome(points, Diverged: false);
        }
        finally
        {
            Delete(files);
        }
    }

    private CommandTrialFiles CreateFiles()
    {
        Directory.CreateDirectory(options.WorkDirectory);
        var name = string.Create(CultureInfo.InvariantCulture, $"{run.TrialId}-attempt{run.Attempt}-{Guid.NewGuid():N}");
        return new CommandTrialFiles(Directory.CreateDirectory(Path.Combine(options.WorkDirectory, name)).FullName);
    }

    private CommandProcess Start(CommandTrialFiles files)
    {
        var environment = new Dictionary<string, string> { [ProgramConfigEnvironmentName] = files.Config };

        try
        {
            return CommandProcess.Start(spec.Run, environment, options.StopGrace);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new CommandTrainerException($"trainer.run: '{spec.Run[0]}' could not be started: {e.Message}");
        }
    }

    /// <summary>The next line, or null once stdout has ended; a timeout fails the trial.</summary>
    private async Task<ProgramLine?> NextLineAsync(CommandProcess program, string due, CancellationToken cancellationToken)
    {
        try
        {
            return await program.ReadLineAsync(spec.LineTimeout, Clock, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw await FailureAsync(program, $"printed no line for {WallTimeText.Format(spec.LineTimeout)} while {due} was due (trainer.lineTimeout); stopped it").ConfigureAwait(false);
        }
        catch (CommandProtocolException e)
        {
            throw await FailureAsync(program, e.Message).ConfigureAwait(false);
        }
    }

    /// <summary>After the last line due: stdout must end and the program exit with code 0.</summary>
    private async Task ExpectEndAsync(CommandProcess program, string after, CancellationToken cancellationToken)
    {
        if (await NextLineAsync(program, $"its exit after {after}", cancellationToken).ConfigureAwait(false) is { } extra)
        {
            throw await FailureAsync(program, $"stdout line {extra.Number}: '{CommandOutput.Shown(extra.Text)}' came after {after}").ConfigureAwait(false);
        }

        var code = await ExitCodeAsync(program, cancellationToken).ConfigureAwait(false);
        if (code != 0)
        {
            throw await FailureAsync(program, $"exited with code {code} after {after}").ConfigureAwait(false);
        }
    }

    private async Task<string> ExitedEarlyAsync(CommandProcess program, string due, int lastEpoch, CancellationToken cancellationToken)
    {
        var code = await ExitCodeAsync(program, cancellationToken).ConfigureAwait(false);
        var printed = lastEpoch == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" (after epoch {lastEpoch})");
        return code == 0
            ? $"exited with code 0 before reporting {due}{printed}; a run that blows up prints {{\"diverged\": true}}"
            : $"exited with code {code} before reporting {due}{printed}";
    }

    /// <summary>The exit code once stdout has ended: the program has the line timeout to exit.</summary>
    private async Task<int> ExitCodeAsync(CommandProcess program, CancellationToken cancellationToken)
    {
        try
        {
            return await program.WaitForExitAsync(spec.LineTimeout, Clock, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw await FailureAsync(program, $"closed stdout but did not exit within {WallTimeText.Format(spec.LineTimeout)} (trainer.lineTimeout); stopped it").ConfigureAwait(false);
        }
    }

    /// <summary>Runs <paramref name="read"/>; a protocol breach in it fails the trial with the program's stderr.</summary>
    private async Task<T> Guard<T>(CommandProcess program, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is CommandProtocolException or InvalidDataException or IOException)
        {
            throw await FailureAsync(program, e.Message).ConfigureAwait(false);
        }
    }

    private static TrainingCheckpoint Pack(CommandTrialFiles files, int epoch, TrialConfig config)
    {
        var directory = files.CheckpointOf(epoch);
        if (!Directory.Exists(directory))
        {
            throw new CommandProtocolException(string.Create(CultureInfo.InvariantCulture,
                $"reported epoch {epoch} without saving its checkpoint: save what resuming needs in checkpoint_dir/{epoch} before printing the epoch's line"));
        }

        var checkpoint = CommandCheckpoint.Pack(directory, epoch, config);

        // The program is done with it (the protocol says so): the store holds it now.
        Directory.Delete(directory, recursive: true);
        return checkpoint;
    }

    /// <summary>The trial's error: the program, what went wrong, and its last stderr lines (read once it has stopped).</summary>
    private async Task<CommandTrainerException> FailureAsync(CommandProcess program, string cause)
    {
        var stderr = await program.StderrTailAsync().ConfigureAwait(false);
        return new CommandTrainerException($"trainer.run '{string.Join(' ', spec.Run)}': {cause}; stderr: {stderr}");
    }

    private static void Delete(CommandTrialFiles files)
    {
        try
        {
            Directory.Delete(files.Directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A program's leftover file that will not go: the attempt's result stands; the directory stays behind.
        }
    }
}
