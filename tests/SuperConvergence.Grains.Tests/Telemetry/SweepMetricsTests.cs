using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using SuperConvergence.Grains.Telemetry;

namespace SuperConvergence.Grains.Tests.Telemetry;

public sealed class SweepMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().AddSingleton<SweepMetrics>().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly List<(Instrument Instrument, double Value)> _recorded = [];

    public SweepMetricsTests()
    {
        var meters = _services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == meters)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => _recorded.Add((instrument, value)));
        _listener.Start();
        Metrics = _services.GetRequiredService<SweepMetrics>();
    }

    private SweepMetrics Metrics { get; }

    [Fact]
    public void The_accuracy_histogram_has_buckets_in_0_1_and_typical_accuracies_land_in_several()
    {
        // It had OpenTelemetry's default buckets, 0, 5, 10 … 10000: every accuracy fell in the first.
        double[] typical = [0.1, 0.42, 0.71, 0.86, 0.9, 0.93];
        foreach (var accuracy in typical)
        {
            Metrics.AccuracyRecorded(accuracy);
        }

        var histogram = Assert.IsType<Histogram<double>>(Assert.Single(_recorded.Select(r => r.Instrument).Distinct()));
        var boundaries = histogram.Advice?.HistogramBucketBoundaries;
        Assert.NotNull(boundaries);
        Assert.Equal(SweepMetrics.AccuracyBuckets, boundaries);
        Assert.All(boundaries, b => Assert.InRange(b, 0, 1));
        Assert.Equal(boundaries.Order(), boundaries);
        Assert.Equal(typical, _recorded.Select(r => r.Value));
        var buckets = typical.Select(value => boundaries.Count(b => b < value)).Distinct().Count();
        Assert.True(buckets >= 5, $"typical accuracies fell in {buckets} bucket(s) of {string.Join(", ", boundaries)}");
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }
}
