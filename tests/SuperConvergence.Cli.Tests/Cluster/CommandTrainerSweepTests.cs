using System.Text.Json;
using SuperConvergence.Testing.Files;
using SuperConvergence.Testing.Processes;

namespace SuperConvergence.Cli.Tests.Cluster;

/// <summary>
/// `sc sweep run` with <c>trainer: {kind: command}</c> on the embedded cluster, the program being
/// tests/SuperConvergence.CommandTrainerProgram: the adaptive search end to end, and each way a program can fail —
/// refused at submit where that can be known, else a failed sweep that names the first cause.
/// </summary>
public sealed class CommandTrainerSweepTests
{
    private const string Spec = """
        name: command-sweep
        dataset: synthetic
        model: made-up
        trainer: {kind: command, run: RUN, stepsPerEpoch: 20, lineTimeout: TIMEOUT}
        searchSpace:
          maxLr: {min: 0.01, max: 3}
          weightDecay: [0.0001]
          batchSize: [128]
          cycleEpochs: [2]
        rangeTest: {iterations: 60, startLr: 1e-5, endLr: 10, seeds: 1}
        strategy: STRATEGY
        budget: {trialEpochs: 8, maxTrials: 4}
        maxConcurrentTrials: 2
        seed: 5
        """;

    [Fact]
    public async Task An_adaptive_sweep_of_a_command_trainer_range_tests_narrows_and_ranks_its_trials()
    {
        using var data = TemporaryDirectory.Create();
        var run = await RunAsync(data, TestTrainingProgram.Run(), "adaptive");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        var status = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal("completed", status.GetProperty("state").GetString());
        Assert.Equal("range tests", status.GetProperty("boundsSource").GetString());
        var (min, max) = (status.GetProperty("bounds").GetProperty("min").GetDouble(), status.GetProperty("bounds").GetProperty("max").GetDouble());
        Assert.True(0.01 <= min && min < max && max <= 3 && max / min < 300 / 1.01, $"bounds {min} … {max} are not narrowed from 0.01 … 3");
        var trials = status.GetProperty("trials").EnumerateArray().ToList();
        Assert.Contains(trials, t => t.GetProperty("kind").GetString() == "range-test" && t.GetProperty("state").GetString() == "completed");
        var training = trials.Where(t => t.GetProperty("kind").GetString() == "train").ToList();
        Assert.NotEmpty(training);
        Assert.All(training, t => Assert.Equal("completed", t.GetProperty("state").GetString()));
        Assert.All(training, t => Assert.InRange(t.GetProperty("accuracy").GetDouble(), 0.1, 1.0));

        // The trials' results flow like any trainer's: the best of them is what the sweep recommends.
        var best = await CliRunner.RunAsync("sweep", "best", status.GetProperty("sweepId").GetString()!, "--data-dir", Path.Combine(data.Path, "store"), "--format", "json");
        Assert.True(best.ExitCode == ExitCodes.Ok, best.Error);
        var ranked = JsonDocument.Parse(best.Out).RootElement.EnumerateArray().Select(b => b.GetProperty("accuracy").GetDouble()).ToList();
        Assert.Equal(training.Count, ranked.Count);
        Assert.Equal(ranked.OrderDescending(), ranked);
        Assert.Equal(training.Max(t => t.GetProperty("accuracy").GetDouble()), ranked[0]);
    }

    [Theory]
    [InlineData("exit-at-once", "exited with code 3 before reporting epoch 1 of 2; stderr: boom: cannot open the dataset")]
    [InlineData("silent", "exited with code 0 before reporting epoch 1 of 2; a run that blows up prints {\"diverged\": true}; stderr: (empty)")]
    [InlineData("garbage", "stdout line 1: 'loading the data, please wait' is not a JSON object (stdout carries protocol lines only; write logs to stderr)")]
    public async Task A_sweep_whose_program_fails_every_trial_ends_failed_with_the_first_cause(string misbehave, string cause)
    {
        using var data = TemporaryDirectory.Create();

        // In training only: the probe run before the sweep passes, and the trials meet the failure.
        var run = await RunAsync(data, TestTrainingProgram.Run("--misbehave", misbehave, "--in", "train"), "random");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        var status = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal("failed", status.GetProperty("state").GetString());
        var first = status.GetProperty("firstFailure").GetString()!;
        Assert.Contains("CommandTrainerException: trainer.run 'dotnet ", first, StringComparison.Ordinal);
        Assert.Contains(cause, first, StringComparison.Ordinal);
        Assert.Contains($"error: sweep {status.GetProperty("sweepId").GetString()} failed: no training trial completed; the first failure was trial ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_program_that_is_not_there_is_refused_at_submit_naming_trainer_run()
    {
        using var data = TemporaryDirectory.Create();
        var notExecutable = data.File("train.py");
        await File.WriteAllTextAsync(notExecutable, "print('hi')\n", TestContext.Current.CancellationToken);
        var cases = new (string[] Run, string Expected)[]
        {
            (["no-such-training-program", "--fast"], "trainer.run[0]: 'no-such-training-program' is not a program on PATH"),
            ([data.File("missing/train.py")], $"trainer.run[0]: '{data.File("missing/train.py")}' is not a file (relative paths are from the working directory, {Environment.CurrentDirectory})"),
            ([notExecutable], $"trainer.run[0]: '{notExecutable}' is not executable: chmod +x it, or run it through its interpreter ([python3, SCRIPT, …])"),
        };

        foreach (var (run, expected) in cases)
        {
            var store = Path.Combine(data.Path, "store");
            var outcome = await RunAsync(data, run, "random");

            Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
            Assert.Equal($"error: {data.File("spec.yaml")}: {expected}", outcome.Error.Trim());
            Assert.Empty(outcome.Out);
            Assert.False(Directory.Exists(store), "nothing was created for a refused sweep");
        }
    }

    [Theory]
    [InlineData("exit-at-once", "exited at once with code 3, before printing a line, in its probe run (SC_PROBE=1, a 2-iteration range test); stderr: boom: cannot open the dataset")]
    [InlineData("silent", "exited at once with code 0, before printing a line, in its probe run (SC_PROBE=1, a 2-iteration range test); stderr: (empty)")]
    [InlineData("hang", "printed nothing within 3s in its probe run (SC_PROBE=1, a 2-iteration range test) (the probe waits trainer.lineTimeout, at most 1m); stopped it; stderr: (empty)")]
    [InlineData("garbage", "printed a line that is not protocol JSON in its probe run (SC_PROBE=1, a 2-iteration range test): stdout line 1: 'loading the data, please wait' is not a JSON object (stdout carries protocol lines only; write logs to stderr); stderr: (empty)")]
    public async Task A_program_that_fails_its_probe_run_is_refused_before_the_sweep_starts(string misbehave, string problem)
    {
        using var data = TemporaryDirectory.Create();
        var program = TestTrainingProgram.Run("--misbehave", misbehave);
        var run = await RunAsync(data, program, "adaptive", lineTimeout: "3s");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal($"error: {data.File("spec.yaml")}: trainer.run: '{string.Join(' ', program)}' {problem}", run.Error.Trim());
        Assert.Empty(run.Out);
        Assert.False(Directory.Exists(Path.Combine(data.Path, "store")), "nothing was created for a refused sweep");
    }

    [Fact]
    public async Task The_probe_run_is_the_one_that_sees_SC_PROBE()
    {
        using var data = TemporaryDirectory.Create();
        var program = TestTrainingProgram.Run("--misbehave", "exit-at-once", "--in", "probe");
        var submit = await CliRunner.RunAsync("sweep", "submit", await WriteSpecAsync(data, program, "adaptive", "2m"), "--gateway", "127.0.0.1:1");

        // Refused before any connection is tried: the probe comes first, and nothing reaches a cluster.
        Assert.Equal(ExitCodes.BadInput, submit.ExitCode);
        Assert.StartsWith($"error: {data.File("spec.yaml")}: trainer.run: '{string.Join(' ', program)}' exited at once with code 3", submit.Error, StringComparison.Ordinal);
        Assert.Single(submit.Error.Trim().Split('\n'));
    }

    private static async Task<CliRunner.Outcome> RunAsync(TemporaryDirectory data, string[] run, string strategy, string lineTimeout = "2m") =>
        await CliRunner.RunAsync("sweep", "run", await WriteSpecAsync(data, run, strategy, lineTimeout), "--data-dir", Path.Combine(data.Path, "store"), "--format", "json");

    private static async Task<string> WriteSpecAsync(TemporaryDirectory data, string[] run, string strategy, string lineTimeout)
    {
        var specFile = data.File("spec.yaml");
        var text = Spec.Replace("RUN", TestTrainingProgram.SpecListOf(run), StringComparison.Ordinal)
            .Replace("STRATEGY", strategy, StringComparison.Ordinal)
            .Replace("TIMEOUT", lineTimeout, StringComparison.Ordinal);
        await File.WriteAllTextAsync(specFile, text, TestContext.Current.CancellationToken);
        return specFile;
    }
}
