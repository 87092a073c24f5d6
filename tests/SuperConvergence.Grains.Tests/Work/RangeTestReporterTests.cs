using Microsoft.Extensions.Logging.Abstractions;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Core.Search;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials;
using SuperConvergence.Grains.Tests.Doubles;
using SuperConvergence.Grains.Work;

namespace SuperConvergence.Grains.Tests.Work;

/// <summary>The background range-test progress reporter against a scripted trial grain: newest only, pacing, stop, refusal.</summary>
public sealed class RangeTestReporterTests
{
    private static readonly TrialLease Lease = new(
        "s-000001", 1,
        new TrialDefinition("s", new RangeTestProposal(new RangeTestConfig("synthetic", "mlp", 1e-4, 1, 60, RangeTestRamp.Exponential, 5e-4, 128, 0.9, 1), "cell"), TrainerKind.Simulated, 0),
        null, null);

    private readonly ScriptedTrial _trial = new();
    private int _stops;

    private readonly List<int> _handedOver = [];

    private RangeTestReporter Reporter(TimeSpan minInterval) =>
        new(Lease, _trial, () => { Interlocked.Increment(ref _stops); return Task.CompletedTask; }, minInterval, TimeProvider.System, NullLogger.Instance, p => _handedOver.Add(p.Iterations));

    private static RangeTestProgress Progress(int iterations) => new(iterations, 60, 1e-4 * iterations, 2.0 - iterations / 100.0);

    [Fact]
    public async Task Progress_handed_over_while_a_report_is_in_flight_is_sent_next_as_the_newest_only()
    {
        var inFlight = _trial.HoldNextReport();
        _ = _trial.NextReport();
        var second = _trial.NextReport();
        using var reporter = Reporter(TimeSpan.Zero);

        reporter.OnRangeTestProgress(Progress(1));
        await inFlight.Reached.Task.WaitAsync(TestContext.Current.CancellationToken);
        reporter.OnRangeTestProgress(Progress(2));
        reporter.OnRangeTestProgress(Progress(3));
        inFlight.Release();
        await second.WaitAsync(TestContext.Current.CancellationToken);
        await reporter.StopAsync();

        Assert.Equal([1, 3], _trial.RangeTestReports.Select(p => p.Iterations));
        Assert.Equal([1, 2, 3], _handedOver);
        Assert.Equal(0, _stops);
    }

    [Fact]
    public async Task Reports_wait_out_the_interval_and_nothing_is_sent_once_stopped()
    {
        using var reporter = Reporter(TimeSpan.FromHours(1));
        var first = _trial.NextReport();

        reporter.OnRangeTestProgress(Progress(1));
        await first.WaitAsync(TestContext.Current.CancellationToken);
        reporter.OnRangeTestProgress(Progress(2));
        await reporter.StopAsync();
        reporter.OnRangeTestProgress(Progress(3));
        await reporter.StopAsync();

        Assert.Equal(Progress(1), Assert.Single(_trial.RangeTestReports));
    }

    [Fact]
    public async Task A_refused_report_stops_the_range_test_and_nothing_more_is_sent()
    {
        _trial.Refuse = true;
        using var reporter = Reporter(TimeSpan.Zero);
        var first = _trial.NextReport();

        reporter.OnRangeTestProgress(Progress(1));
        await first.WaitAsync(TestContext.Current.CancellationToken);
        await reporter.StopAsync();
        reporter.OnRangeTestProgress(Progress(2));
        await reporter.StopAsync();

        Assert.Single(_trial.RangeTestReports);
        Assert.Equal(1, _stops);
    }
}
