using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials;
using SuperConvergence.Testing.Files;
using SuperConvergence.Testing.Processes;
using SuperConvergence.Training.Command;

namespace SuperConvergence.Training.Tests.Command;

/// <summary>
/// The probe run before a command trainer's sweep (tests/SuperConvergence.CommandTrainerProgram as the program): a
/// program that speaks the protocol passes, each way of failing its few lines is named, and the variable that marks
/// the probe reaches the probe alone.
/// </summary>
public sealed class CommandTrainerProbeTests : IDisposable
{
    private readonly TemporaryDirectory _work = new("sc-probe");

    public void Dispose() => _work.Dispose();

    [Theory]
    [InlineData]
    [InlineData("--misbehave", "exit-at-once", "--in", "train")]
    [InlineData("--misbehave", "garbage", "--at", "3")]
    public async Task A_program_that_speaks_the_protocol_for_its_first_iterations_passes(params string[] flags)
    {
        var problem = await ProbeAsync(TestTrainingProgram.Run(flags));

        Assert.Null(problem);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_work.Path));
    }

    [Theory]
    [InlineData("exit-at-once", "2", "exited with code 3 after 1 of 2 lines in its probe run (SC_PROBE=1, a 2-iteration range test); stderr: boom: cannot open the dataset")]
    [InlineData("garbage", "2", "printed a line that is not protocol JSON in its probe run (SC_PROBE=1, a 2-iteration range test): stdout line 2: 'loading the data, please wait' is not a JSON object")]
    [InlineData("hang", "2", "printed 1 of 2 lines and did not finish within 2s in its probe run (SC_PROBE=1, a 2-iteration range test); stopped it")]
    public async Task A_program_that_fails_later_in_its_probe_run_is_named_with_what_it_did(string misbehave, string at, string expected)
    {
        var problem = await ProbeAsync(TestTrainingProgram.Run("--misbehave", misbehave, "--at", at), lineTimeout: "2s");

        Assert.NotNull(problem);
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem);
    }

    [Fact]
    public async Task A_program_that_prints_nothing_is_stopped_with_its_process_group()
    {
        var pidFile = _work.File("pid");
        var problem = await ProbeAsync(TestTrainingProgram.Run("--misbehave", "child", "--pid-file", pidFile), lineTimeout: "2s");

        Assert.StartsWith("printed nothing within 2s in its probe run", problem, StringComparison.Ordinal);
        Assert.False(ProcessState.IsRunning(ProcessState.ReadPid(pidFile)), "the program is stopped");
        Assert.False(ProcessState.IsRunning(ProcessState.ReadPid(pidFile + ".child")), "and its child with it");
    }

    [Fact]
    public async Task A_trial_never_sees_the_probe_variable()
    {
        var trainer = new CommandTrainer(
            new CommandTrainerSpec(TestTrainingProgram.Run("--misbehave", "exit-at-once", "--in", "probe"), 10, TimeSpan.FromMinutes(2)),
            new TrialRun("sweep", "sweep-000001", 1),
            new CommandTrainerOptions(_work.Path));
        var rangeTest = new RangeTestConfig("synthetic", "mlp", 1e-5, 10, 20, RangeTestRamp.Exponential, 1e-4, 128, 0.85, Seed: 2);

        var outcome = await trainer.RangeTestAsync(rangeTest, null, TestContext.Current.CancellationToken);
        var problem = await ProbeAsync(TestTrainingProgram.Run("--misbehave", "exit-at-once", "--in", "probe"));

        Assert.NotEmpty(outcome.Points);
        Assert.StartsWith("exited at once with code 3, before printing a line", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_probe_waits_the_line_timeout_up_to_a_minute()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), CommandTrainerProbe.WaitOf(new CommandTrainerSpec(["p"], 10, TimeSpan.FromSeconds(5))));
        Assert.Equal(CommandTrainerProbe.LongestWait, CommandTrainerProbe.WaitOf(new CommandTrainerSpec(["p"], 10, TimeSpan.FromHours(1))));
    }

    private Task<string?> ProbeAsync(string[] run, string lineTimeout = "2m")
    {
        var spec = SweepSpecReader.ParseYaml($$"""
            name: probe
            dataset: synthetic
            model: made-up
            trainer: {kind: command, run: {{TestTrainingProgram.SpecListOf(run)}}, stepsPerEpoch: 20, lineTimeout: {{lineTimeout}}}
            searchSpace: {maxLr: {min: 0.01, max: 3}, weightDecay: [0.0001], batchSize: [128], cycleEpochs: [2]}
            rangeTest: {iterations: 60, startLr: 1e-5, endLr: 0.01, seeds: 1}
            strategy: adaptive
            budget: {trialEpochs: 8, maxTrials: 4}
            seed: 5
            """);
        return new CommandTrainerProbe(new CommandTrainerOptions(_work.Path) { StopGrace = TimeSpan.FromSeconds(2) }).ProblemAsync(spec, TestContext.Current.CancellationToken);
    }
}
