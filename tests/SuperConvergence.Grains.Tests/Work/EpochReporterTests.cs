using Microsoft.Extensions.Logging.Abstractions;
using SuperConvergence.Abstractions.Grains;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Core.Search;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials;
using SuperConvergence.Grains.Tests.Doubles;
using SuperConvergence.Grains.Work;

namespace SuperConvergence.Grains.Tests.Work;

/// <summary>The background epoch reporter against a scripted trial grain: order, grouping, pacing, refusal, failure.</summary>
public sealed class EpochReporterTests : IDisposable
{
    private static readonly TrialLease Lease = new(
        "s-000001", 1,
        new TrialDefinition("s", new TrainingProposal(new TrialConfig("synthetic", "mlp", 0.5, 25, 1e4, 5e-4, 128, 50, 0.85, 0.95, 1), 1, "cell"), TrainerKind.Simulated, 0),
        null, null);

    private readonly ScriptedTrial _trial = new();
    private readonly InMemoryCheckpointStore _checkpoints = new();
    private int _stops;
    private readonly TaskCompletionSource _trainingStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly TelemetryServices _telemetry = new();

    private EpochReporter Reporter(TimeSpan minInterval, Core.Persistence.ICheckpointStore? store = null) =>
        new(Lease, _trial, store ?? _checkpoints, () => { Interlocked.Increment(ref _stops); _trainingStopped.TrySetResult(); return Task.CompletedTask; }, minInterval, TimeProvider.System, _telemetry.For(Lease), NullLogger.Instance, CancellationToken.None);

    private static EpochMetrics Epoch(int n) => new(n, 1.0 / n, 1.0 / n, 0.5 + n / 100.0, 0.1, 1000);

    private static TrainingCheckpoint Checkpoint(int n) => new(n, BitConverter.GetBytes(n));

    [Fact]
    public async Task Epochs_that_end_while_a_report_is_in_flight_go_together_in_order_with_only_the_newest_checkpoint()
    {
        var inFlight = _trial.HoldNextReport();
        using var reporter = Reporter(TimeSpan.Zero);

        reporter.Add(Epoch(1), Checkpoint(1));
        await inFlight.Reached.Task.WaitAsync(TestContext.Current.CancellationToken);
        reporter.Add(Epoch(2), Checkpoint(2));
        reporter.Add(Epoch(3), Checkpoint(3));
        _ = _trial.NextReport(); // signalled by the first report's answer, once released
        var second = _trial.NextReport();
        inFlight.Release();
        await second.WaitAsync(TestContext.Current.CancellationToken);

        Assert.Empty(await reporter.FinishAsync());
        Assert.Equal([[1], [2, 3]], _trial.Reports.Select(r => r.Epochs.Select(e => e.Epoch).ToArray()).ToArray());
        Assert.Equal(["s-000001@1", "s-000001@3"], _trial.Reports.Select(r => r.Reference!).ToArray());
        Assert.Null(await _checkpoints.LoadAsync("s-000001@2", CancellationToken.None));
        Assert.Null(await _checkpoints.LoadAsync("s-000001@1", CancellationToken.None));
        Assert.NotNull(await _checkpoints.LoadAsync("s-000001@3", CancellationToken.None));
        Assert.Equal(0, _stops);
    }

    [Fact]
    public async Task Reports_wait_out_the_interval_and_finishing_hands_back_what_waits_unsent()
    {
        using var reporter = Reporter(TimeSpan.FromHours(1));
        var first = _trial.NextReport();

        reporter.Add(Epoch(1), Checkpoint(1));
        await first.WaitAsync(TestContext.Current.CancellationToken);
        reporter.Add(Epoch(2), Checkpoint(2));
        reporter.Add(Epoch(3), Checkpoint(3));
        Assert.Single(_trial.Reports);

        var unsent = await reporter.FinishAsync();

        // They travel with the completion instead: no report, no checkpoint saved for them.
        Assert.Equal([2, 3], unsent.Select(e => e.Epoch).ToArray());
        Assert.Equal([[1]], _trial.Reports.Select(r => r.Epochs.Select(e => e.Epoch).ToArray()).ToArray());
        Assert.Null(await _checkpoints.LoadAsync("s-000001@3", CancellationToken.None));
        reporter.Add(Epoch(4), Checkpoint(4));
        Assert.Single(_trial.Reports);
    }

    [Fact]
    public async Task A_refused_report_stops_training_and_nothing_more_is_sent()
    {
        _trial.Refuse = true;
        using var reporter = Reporter(TimeSpan.Zero);

        var refused = _trial.NextReport();
        reporter.Add(Epoch(1), Checkpoint(1));
        await refused.WaitAsync(TestContext.Current.CancellationToken);
        reporter.Add(Epoch(2), Checkpoint(2));

        Assert.Empty(await reporter.FinishAsync());
        Assert.Single(_trial.Reports);
        Assert.Equal(1, _stops);
    }

    [Fact]
    public async Task A_checkpoint_the_store_refuses_for_good_is_skipped_and_its_epochs_are_still_recorded()
    {
        using var reporter = Reporter(TimeSpan.Zero, new FailingStore(new IOException("No space left on device")));
        var reported = _trial.NextReport();

        reporter.Add(Epoch(1), Checkpoint(1));
        await reported.WaitAsync(TestContext.Current.CancellationToken);

        Assert.Empty(await reporter.FinishAsync());
        var report = Assert.Single(_trial.Reports);
        Assert.Equal([1], report.Epochs.Select(e => e.Epoch).ToArray());
        Assert.Null(report.Reference);
        Assert.Equal(0, _stops);
    }

    [Fact]
    public async Task A_store_that_fails_otherwise_stops_training_and_the_failure_comes_out_when_finishing()
    {
        using var reporter = Reporter(TimeSpan.Zero, new FailingStore(new InvalidOperationException("store misconfigured")));

        reporter.Add(Epoch(1), Checkpoint(1));
        await _trainingStopped.Task.WaitAsync(TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(reporter.FinishAsync);
        Assert.Equal("store misconfigured", error.Message);
        Assert.Empty(_trial.Reports);
        Assert.Equal(1, _stops);
    }

    private sealed class FailingStore(Exception failure) : Core.Persistence.ICheckpointStore
    {
        public Task<string> SaveAsync(string trialId, int epoch, byte[] state, CancellationToken cancellationToken = default) => throw failure;

        public Task<byte[]?> LoadAsync(string reference, CancellationToken cancellationToken = default) => Task.FromResult<byte[]?>(null);

        public Task DeleteBeforeAsync(string trialId, int epoch, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task DeleteTrialAsync(string trialId, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    public void Dispose() => _telemetry.Dispose();
}
