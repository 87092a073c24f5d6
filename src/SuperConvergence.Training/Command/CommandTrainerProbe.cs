using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials.Command;

namespace SuperConvergence.Training.Command;

/// <summary>
/// Runs a command trainer's program once before its sweep starts: a range test of <see cref="Iterations"/>
/// iterations with <c>SC_PROBE=1</c> in its environment (a program may honour it by loading a little data), which must
/// print its protocol lines and exit 0 within <see cref="WaitOf"/>. A program that exits at once, prints nothing or
/// prints what is not protocol JSON is then one line at submit instead of a sweep whose every trial fails. Trials never
/// see the variable: the probe is its own run, off the path real attempts take.
/// </summary>
public sealed class CommandTrainerProbe(CommandTrainerOptions options)
{
    /// <summary>The environment entry that tells the program this run is the probe (docs/training.md#command-trainer).</summary>
    public const string ProbeEnvironmentName = "SC_PROBE";

    /// <summary>The probe's range test: the fewest iterations a ramp has.</summary>
    public const int Iterations = 2;

    /// <summary>The longest the probe waits for the program, however long <c>trainer.lineTimeout</c> allows a trial.</summary>
    public static TimeSpan LongestWait { get; } = TimeSpan.FromMinutes(1);

    /// <summary>How long the probe gives the program of <paramref name="command"/> to print its lines and exit.</summary>
    public static TimeSpan WaitOf(CommandTrainerSpec command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command.LineTimeout < LongestWait ? command.LineTimeout : LongestWait;
    }

    /// <summary>
    /// The range test the probe asks for: the spec's first cell, its ramp's start and end over <see cref="Iterations"/>
    /// iterations, and data subsets of the batches it takes.
    /// </summary>
    public static RangeTestConfig ConfigOf(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var batchSize = spec.SearchSpace.BatchSize[0];
        return new RangeTestConfig(
            spec.Dataset, spec.Model, spec.RangeTest.StartLr, spec.RangeTest.EndLr, Iterations, RangeTestRamp.Exponential, spec.SearchSpace.WeightDecay[0],
            batchSize, spec.SearchSpace.Momentum.Max, spec.Seed, TrainImages: batchSize * Iterations, TestImages: batchSize);
    }

    /// <summary>What is wrong with the program of <paramref name="spec"/>'s command trainer, as the rest of a one-line message; null when it passes.</summary>
    public async Task<string?> ProblemAsync(SweepSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var command = spec.Trainer.Command ?? throw new ArgumentException("the spec's trainer is not a command trainer", nameof(spec));
        var config = ConfigOf(spec);
        var files = new CommandTrialFiles(Directory.CreateDirectory(Path.Combine(options.WorkDirectory, $"probe-{Guid.NewGuid():N}")).FullName);
        try
        {
            files.WriteRangeTest(new TrialRun(spec.Name, "probe", 1), config);
            var environment = new Dictionary<string, string>
            {
                [CommandTrainer.ProgramConfigEnvironmentName] = files.Config,
                [ProbeEnvironmentName] = "1",
            };
            CommandProcess program;
            try
            {
                program = CommandProcess.Start(command.Run, environment, options.StopGrace);
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                return $"could not be started: {e.Message}";
            }

            await using (program.ConfigureAwait(false))
            {
                var problem = await RunAsync(program, config, WaitOf(command), cancellationToken).ConfigureAwait(false);
                return problem is null ? null : $"{problem}; stderr: {await program.StderrTailAsync().ConfigureAwait(false)}";
            }
        }
        finally
        {
            try
            {
                Directory.Delete(files.Directory, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A file the program left that will not go: the probe's answer stands.
            }
        }
    }

    /// <summary>Reads the probe's lines as a range test's are read, all within <paramref name="wait"/>.</summary>
    private async Task<string?> RunAsync(CommandProcess program, RangeTestConfig config, TimeSpan wait, CancellationToken cancellationToken)
    {
        var clock = options.TimeProvider;
        var started = clock.GetTimestamp();
        TimeSpan Left() => wait - clock.GetElapsedTime(started) is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;
        var within = WallTimeText.Format(wait);
        var probe = $"in its probe run ({ProbeEnvironmentName}=1, a {Iterations}-iteration range test)";
        var plan = new RangeTestPlan(config.StartLr, config.EndLr, config.Iterations, config.Ramp);
        var printed = 0;
        try
        {
            while (printed <= config.Iterations)
            {
                var line = await program.ReadLineAsync(Left(), clock, cancellationToken).ConfigureAwait(false);
                if (line is null)
                {
                    var code = await program.WaitForExitAsync(Left(), clock, cancellationToken).ConfigureAwait(false);
                    return (printed, code) switch
                    {
                        (0, _) => string.Create(CultureInfo.InvariantCulture, $"exited at once with code {code}, before printing a line, {probe}"),
                        (_, 0) => null,
                        _ => string.Create(CultureInfo.InvariantCulture, $"exited with code {code} after {printed} of {config.Iterations} lines {probe}"),
                    };
                }

                if (printed == config.Iterations)
                {
                    return $"printed a line after its last iteration {probe}: '{CommandOutput.Shown(line.Value.Text)}'";
                }

                printed++;
                CommandOutput.Iteration(line.Value.Text, line.Value.Number, printed, plan.LearningRateAt(printed - 1));
            }

            return null;
        }
        catch (TimeoutException)
        {
            return printed == 0
                ? $"printed nothing within {within} {probe} (the probe waits trainer.lineTimeout, at most {WallTimeText.Format(LongestWait)}); stopped it"
                : $"printed {printed} of {config.Iterations} lines and did not finish within {within} {probe}; stopped it";
        }
        catch (CommandProtocolException e)
        {
            return $"printed a line that is not protocol JSON {probe}: {e.Message}";
        }
    }
}
