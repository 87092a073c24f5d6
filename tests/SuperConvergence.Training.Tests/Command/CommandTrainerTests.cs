using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials;
using SuperConvergence.Testing.Files;
using SuperConvergence.Testing.Processes;
using SuperConvergence.Training.Command;
using SuperConvergence.Training.Tests.Training;

namespace SuperConvergence.Training.Tests.Command;

/// <summary>
/// The command trainer against a real program (tests/SuperConvergence.CommandTrainerProgram): the protocol's happy
/// path, resume from a packed checkpoint, range tests, and every way the program can misbehave, each a trial failure
/// that says what happened and carries the program's stderr.
/// </summary>
public sealed class CommandTrainerTests : IDisposable
{
    private static readonly TrialConfig Config = new("synthetic", "mlp", 0.4, 25, 1e4, 1e-4, 128, 3, 0.85, 0.95, Seed: 1);

    private static readonly RangeTestConfig RangeTest = new("synthetic", "mlp", 1e-5, 10, 200, RangeTestRamp.Exponential, 1e-4, 128, 0.85, Seed: 2);

    private readonly TemporaryDirectory _work = new("sc-command");

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task A_run_reports_every_epoch_and_a_resumed_run_continues_with_the_same_metrics()
    {
        var ct = TestContext.Current.CancellationToken;
        var whole = new RecordingObserver();
        var outcome = await Trainer().TrainAsync(Config, null, whole, ct);

        Assert.Equal(TrialEnd.Completed, outcome.Status);
        Assert.Equal([1, 2, 3], outcome.Epochs.Select(e => e.Epoch));
        Assert.True(outcome.Epochs[^1].TestAccuracy > outcome.Epochs[0].TestAccuracy, "accuracy grows over the cycle");
        Assert.Equal(whole.Metrics, outcome.Epochs);

        // The LR the program left out is the schedule's at each epoch's end: the cycle ends at max/(25·1e4).
        Assert.Equal(Config.MaxLr / 25 / 1e4, outcome.Epochs[^1].LearningRate, 1e-12);

        var resumed = new RecordingObserver();
        var rest = await Trainer(attempt: 2).TrainAsync(Config, whole.Checkpoints[0], resumed, ct);
        Assert.Equal(outcome.Epochs.Skip(1).Select(Comparable), rest.Epochs.Select(Comparable));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_work.Path));
    }

    [Fact]
    public async Task A_checkpoint_of_another_config_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        var observer = new RecordingObserver();
        await Trainer().TrainAsync(Config, null, observer, ct);

        var other = Config with { MaxLr = 0.5 };
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => Trainer().TrainAsync(other, observer.Checkpoints[0], new RecordingObserver(), ct));
        Assert.Contains("different trial config", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_that_says_it_diverged_ends_diverged_with_the_epochs_before()
    {
        var outcome = await Trainer(TestTrainingProgram.Run("--diverge-above", "0.1"))
            .TrainAsync(Config, null, new RecordingObserver(), TestContext.Current.CancellationToken);

        Assert.Equal(TrialEnd.Diverged, outcome.Status);
        Assert.Equal([1], outcome.Epochs.Select(e => e.Epoch));
    }

    [Fact]
    public async Task A_range_test_reports_each_iteration_and_its_curve_stops_where_it_blew_up()
    {
        var observer = new RecordingRangeTestObserver();
        var outcome = await Trainer().RangeTestAsync(RangeTest, observer, TestContext.Current.CancellationToken);
        var progress = observer.Reports;

        Assert.True(outcome.Diverged);
        Assert.InRange(outcome.Points.Count, 100, RangeTest.Iterations - 1);
        Assert.Equal(RangeTest.StartLr, outcome.Points[0].LearningRate, 1e-15);
        Assert.Equal(Enumerable.Range(1, outcome.Points.Count), progress.Select(p => p.Iterations));
        Assert.All(progress, p => Assert.Equal(RangeTest.Iterations, p.PlannedIterations));
    }

    [Theory]
    [InlineData("exit-at-once", "exited with code 3 before reporting epoch 1 of 3", "stderr: boom: cannot open the dataset")]
    [InlineData("silent", "exited with code 0 before reporting epoch 1 of 3", "stderr: (empty)")]
    [InlineData("garbage", "stdout line 1: 'loading the data, please wait' is not a JSON object", "write logs to stderr")]
    [InlineData("nan", "stdout line 1: '{\"epoch\": 1, \"train_loss\": NaN", "holds a non-finite number")]
    [InlineData("no-checkpoint", "reported epoch 1 without saving its checkpoint", "checkpoint_dir/1")]
    [InlineData("extra-line", "stdout line 4: '{\"epoch\": 4", "came after its last epoch")]
    [InlineData("fail-at-end", "exited with code 5 after its last epoch", "stderr: crashed while writing the final model")]
    public async Task A_misbehaving_program_fails_its_trial_with_what_happened_and_its_stderr(string misbehave, string cause, string detail)
    {
        var failure = await Assert.ThrowsAsync<CommandTrainerException>(() => Trainer(TestTrainingProgram.Run("--misbehave", misbehave))
            .TrainAsync(Config, null, new RecordingObserver(), TestContext.Current.CancellationToken));

        Assert.StartsWith("trainer.run 'dotnet ", failure.Message, StringComparison.Ordinal);
        Assert.Contains(cause, failure.Message, StringComparison.Ordinal);
        Assert.Contains(detail, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_work.Path));
    }

    [Fact]
    public async Task A_program_that_goes_quiet_past_the_line_timeout_is_stopped_and_fails_its_trial()
    {
        var pidFile = _work.File("pids/hang");
        var failure = await Assert.ThrowsAsync<CommandTrainerException>(() => Trainer(TestTrainingProgram.Run("--misbehave", "hang", "--at", "2", "--pid-file", pidFile), TimeSpan.FromSeconds(2))
            .TrainAsync(Config, null, new RecordingObserver(), TestContext.Current.CancellationToken));

        Assert.Contains("printed no line for 2s while epoch 2 of 3 was due (trainer.lineTimeout); stopped it", failure.Message, StringComparison.Ordinal);
        Assert.False(ProcessState.IsRunning(ProcessState.ReadPid(pidFile)));
    }

    [Fact]
    public async Task A_range_test_line_out_of_order_fails_it()
    {
        var failure = await Assert.ThrowsAsync<CommandTrainerException>(() => Trainer(TestTrainingProgram.Run("--misbehave", "garbage", "--at", "5"))
            .RangeTestAsync(RangeTest, null, TestContext.Current.CancellationToken));

        Assert.Contains("stdout line 5: 'loading the data, please wait' is not a JSON object", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("child")]
    [InlineData("ignore-term")]
    public async Task Cancelling_stops_the_program_and_its_children(string misbehave)
    {
        var pidFile = _work.File("pids/" + misbehave);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var trainer = new CommandTrainer(
            new CommandTrainerSpec(TestTrainingProgram.Run("--misbehave", misbehave, "--pid-file", pidFile), 10, TimeSpan.FromMinutes(5)),
            new TrialRun("sweep", "sweep-000001", 1),
            new CommandTrainerOptions(_work.File("trials")) { StopGrace = TimeSpan.FromSeconds(1) });
        var training = trainer.TrainAsync(Config, null, new RecordingObserver(), cancel.Token);

        var watched = misbehave == "child" ? pidFile + ".child" : pidFile;
        await WaitForFileAsync(watched, training);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => training);
        Assert.False(ProcessState.IsRunning(ProcessState.ReadPid(pidFile)), "the program is stopped");
        Assert.False(ProcessState.IsRunning(ProcessState.ReadPid(watched)), "and its child with it");
    }

    private CommandTrainer Trainer(string[]? run = null, TimeSpan? lineTimeout = null, int attempt = 1) =>
        new(
            new CommandTrainerSpec(run ?? TestTrainingProgram.Run(), 10, lineTimeout ?? TimeSpan.FromMinutes(2)),
            new TrialRun("sweep", "sweep-000001", attempt),
            new CommandTrainerOptions(_work.Path) { StopGrace = TimeSpan.FromSeconds(2) });

    /// <summary>Everything but the throughput, which is measured from wall time.</summary>
    private static (int, double, double, double, double) Comparable(EpochMetrics e) => (e.Epoch, e.TrainLoss, e.TestLoss, e.TestAccuracy, e.LearningRate);

    /// <summary>The program writes the file once it runs; its end first means it never got there.</summary>
    private static async Task WaitForFileAsync(string path, Task training)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            Assert.False(training.IsCompleted, $"training ended before {path} appeared");
            Assert.True(DateTime.UtcNow < deadline, $"{path} did not appear");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
