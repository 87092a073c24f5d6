using System.Diagnostics.Metrics;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Core.Search;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials;
using SuperConvergence.Grains.Telemetry;
using SuperConvergence.Grains.Tests.Doubles;

namespace SuperConvergence.Grains.Tests.Telemetry;

/// <summary>The per-trial and per-slot gauges as a scrape reads them: labels, values, and series that end with their attempt.</summary>
public sealed class LiveTrialsTests : IDisposable
{
    private static readonly TrialConfig Config = new("synthetic", "mlp", 0.8, 25, 1e4, 5e-4, 128, 4, 0.85, 0.95, 1);

    private readonly TelemetryServices _telemetry = new();

    [Fact]
    public void A_running_trial_s_last_epoch_is_on_the_scrape_with_its_sweep_and_trial_beside_the_1cycle_plan()
    {
        var lease = TrainingLease("s1", "s1-000001");
        using var attempt = _telemetry.For(lease, "wa/0");
        attempt.Started();
        attempt.EpochCompleted(new EpochMetrics(2, 0.7, 0.9, 0.61, 0.55, 1234));
        var plan = new CyclePlan(Config).AtEndOf(2);

        var scrape = Scrape();

        var labels = new Dictionary<string, string> { ["sweep"] = "s1", ["trial"] = "s1-000001" };
        Assert.Equal(2, scrape.Single("sc.trial.epoch", labels));
        Assert.Equal(0.5, scrape.Single("sc.trial.cycle_progress", labels));
        Assert.Equal(0.55, scrape.Single("sc.trial.learning_rate", labels));
        Assert.Equal(plan.LearningRate, scrape.Single("sc.trial.planned_learning_rate", labels));
        Assert.Equal(plan.Momentum, scrape.Single("sc.trial.momentum", labels));
        Assert.Equal(plan.Momentum, scrape.Single("sc.trial.planned_momentum", labels));
        Assert.Empty(scrape.Of("sc.trial.step"));
        Assert.Equal(0.7, scrape.Single("sc.trial.train_loss", labels));
        Assert.Equal(0.9, scrape.Single("sc.trial.test_loss", labels));
        Assert.Equal(0.61, scrape.Single("sc.trial.test_accuracy", labels));
        Assert.Equal(1234, scrape.Single("sc.trial.images_per_second", labels));
        Assert.Equal(1, scrape.Single("sc.trial.config", new Dictionary<string, string>(labels) { ["max_lr"] = "0.8", ["weight_decay"] = "0.0005", ["batch_size"] = "128" }));
        Assert.Equal(1, scrape.Single("sc.worker.slot.busy", new Dictionary<string, string> { ["slot"] = "wa/0" }));
        Assert.Equal(1234, scrape.Single("sc.worker.slot.images_per_second", new Dictionary<string, string> { ["slot"] = "wa/0" }));
        Assert.Empty(scrape.Of("sc.range_test.loss"));
    }

    [Fact]
    public void A_trainer_s_steps_place_the_live_LR_and_momentum_beside_the_plan_at_the_same_point_of_the_cycle()
    {
        var lease = TrainingLease("s5", "s5-000001");
        using var attempt = _telemetry.For(lease, "wa/0");
        attempt.Started();
        var plan = new CyclePlan(Config);

        // 937 steps of a 4-epoch cycle of 1,200 steps: mid-way through the first epoch, off the plan by a known amount.
        attempt.StepTaken(new TrainingStep(937, 1200, 1, 0.123, 0.91));
        var scrape = Scrape();

        var labels = new Dictionary<string, string> { ["sweep"] = "s5", ["trial"] = "s5-000001" };
        var planned = plan.After(937.0 / 1200);
        Assert.Equal(937, scrape.Single("sc.trial.step", labels));
        Assert.Equal(937.0 / 1200, scrape.Single("sc.trial.cycle_progress", labels));
        Assert.Equal(0.123, scrape.Single("sc.trial.learning_rate", labels));
        Assert.Equal(0.91, scrape.Single("sc.trial.momentum", labels));
        Assert.Equal(planned.LearningRate, scrape.Single("sc.trial.planned_learning_rate", labels));
        Assert.Equal(planned.Momentum, scrape.Single("sc.trial.planned_momentum", labels));
        Assert.NotEqual(plan.AtEndOf(1).LearningRate, planned.LearningRate);
        Assert.Empty(scrape.Of("sc.trial.epoch"));

        // The epoch's end brings its metrics but keeps the step's more precise place in the schedule.
        attempt.EpochCompleted(new EpochMetrics(1, 0.7, 0.9, 0.61, 0.55, 1234));
        var after = Scrape();
        Assert.Equal(1, after.Single("sc.trial.epoch", labels));
        Assert.Equal(937, after.Single("sc.trial.step", labels));
        Assert.Equal(0.123, after.Single("sc.trial.learning_rate", labels));
    }

    [Fact]
    public void A_step_after_the_attempt_ended_does_not_bring_its_series_back()
    {
        var lease = TrainingLease("s6", "s6-000001");
        using var attempt = _telemetry.For(lease, "wa/0");
        attempt.Started();
        attempt.StepTaken(new TrainingStep(1, 100, 1, 0.1, 0.9));
        attempt.Ended(AttemptOutcome.Stopped);
        attempt.StepTaken(new TrainingStep(2, 100, 1, 0.1, 0.9));

        Assert.Empty(Scrape().Of("sc.trial.step"));
    }

    [Fact]
    public void A_range_test_s_newest_iteration_is_on_the_scrape_and_no_training_series()
    {
        var lease = new TrialLease("s2-000001", 1, new TrialDefinition("s2", new RangeTestProposal(new RangeTestConfig("synthetic", "mlp", 1e-4, 1, 60, RangeTestRamp.Exponential, 5e-4, 128, 0.9, 1), "cell"), TrainerKind.Simulated, 0), null, null);
        using var attempt = _telemetry.For(lease);
        attempt.Started();
        attempt.RangeTestProgressed(new RangeTestProgress(10, 60, 0.01, 2.1));
        attempt.RangeTestProgressed(new RangeTestProgress(11, 60, 0.02, 2.0));

        var scrape = Scrape();

        var labels = new Dictionary<string, string> { ["sweep"] = "s2", ["trial"] = "s2-000001" };
        Assert.Equal(11, scrape.Single("sc.range_test.iteration", labels));
        Assert.Equal(60, scrape.Single("sc.range_test.planned_iterations", labels));
        Assert.Equal(0.02, scrape.Single("sc.range_test.learning_rate", labels));
        Assert.Equal(2.0, scrape.Single("sc.range_test.loss", labels));
        Assert.Empty(scrape.Of("sc.trial.epoch"));
        Assert.Empty(scrape.Of("sc.trial.config"));
    }

    [Fact]
    public void Series_end_with_their_attempts_so_only_running_trials_are_on_the_scrape()
    {
        _telemetry.Live.SlotOpened("wa/0");
        _telemetry.Live.SlotOpened("wa/1");
        var attempts = Enumerable.Range(1, 50).Select(i => _telemetry.For(TrainingLease("s3", $"s3-{i:D6}"), $"wa/{i % 2}")).ToList();
        foreach (var attempt in attempts)
        {
            attempt.Started();
            attempt.EpochCompleted(new EpochMetrics(1, 1, 1, 0.5, 0.1, 100));
        }

        // Each slot runs its latest trial; all but the last two attempts ended (one by an exception: disposed only).
        for (var i = 0; i < attempts.Count - 2; i++)
        {
            if (i % 2 == 0)
            {
                attempts[i].Ended(AttemptOutcome.Completed);
            }

            attempts[i].Dispose();
        }

        var scrape = Scrape();

        Assert.Equal(["s3-000049", "s3-000050"], scrape.Of("sc.trial.epoch").Select(m => m.Labels["trial"]).Order(StringComparer.Ordinal));
        Assert.Equal(2, scrape.Of("sc.worker.slot.busy").Sum(m => m.Value));
        attempts[^1].Ended(AttemptOutcome.Stopped);
        attempts[^2].Ended(AttemptOutcome.HandedBack);
        var after = Scrape();
        Assert.Empty(after.Of("sc.trial.epoch"));
        Assert.Empty(after.Of("sc.trial.config"));
        Assert.Equal([0d, 0d], after.Of("sc.worker.slot.busy").Select(m => m.Value));
    }

    [Fact]
    public void An_older_attempt_ending_late_leaves_the_slot_busy_with_the_trial_that_now_runs_there()
    {
        using var older = _telemetry.For(TrainingLease("s4", "s4-000001"), "wa/0");
        using var newer = _telemetry.For(TrainingLease("s4", "s4-000002"), "wa/0");
        older.Started();
        newer.Started();
        older.Ended(AttemptOutcome.Stopped);

        var scrape = Scrape();

        Assert.Equal(1, scrape.Single("sc.worker.slot.busy", new Dictionary<string, string> { ["slot"] = "wa/0" }));
        Assert.Equal(["s4-000002"], scrape.Of("sc.trial.config").Select(m => m.Labels["trial"]));
    }

    public void Dispose() => _telemetry.Dispose();

    private static TrialLease TrainingLease(string sweep, string trial) =>
        new(trial, 1, new TrialDefinition(sweep, new TrainingProposal(Config, 1, "cell"), TrainerKind.Simulated, 0), null, null);

    /// <summary>One collection of every observable instrument of this test's meter factory, as an exporter makes it.</summary>
    private Measurements Scrape()
    {
        var live = _telemetry.Live;
        var measurements = new List<(string Instrument, double Value, Dictionary<string, string> Labels)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope is not null && ReferenceEquals(instrument.Meter.Scope, _telemetry.MeterFactory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var labels = new Dictionary<string, string>();
            foreach (var tag in tags)
            {
                labels[tag.Key] = Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture)!;
            }

            measurements.Add((instrument.Name, value, labels));
        }

        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Add(i, v, t));
        listener.SetMeasurementEventCallback<int>((i, v, t, _) => Add(i, v, t));
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Add(i, v, t));
        listener.Start();
        listener.RecordObservableInstruments();
        GC.KeepAlive(live);
        return new Measurements(measurements);
    }

    private sealed class Measurements(List<(string Instrument, double Value, Dictionary<string, string> Labels)> all)
    {
        public IReadOnlyList<(double Value, Dictionary<string, string> Labels)> Of(string instrument) =>
            [.. all.Where(m => m.Instrument == instrument).Select(m => (m.Value, m.Labels))];

        /// <summary>The one measurement of the instrument whose labels include these.</summary>
        public double Single(string instrument, IReadOnlyDictionary<string, string> labels) =>
            Assert.Single(Of(instrument), m => labels.All(l => m.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).Value;
    }
}
