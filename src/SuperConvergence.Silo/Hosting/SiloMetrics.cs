using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using SuperConvergence.Grains.Telemetry;

namespace SuperConvergence.Silo.Hosting;

/// <summary>
/// What a silo exports on /metrics: the SuperConvergence meter, Orleans' own, the .NET runtime's, the process's and
/// ASP.NET Core's (the HTTP endpoint: health probes and scrapes), every histogram with buckets that
/// fit its values. Ours advise their boundaries where they are created (<see cref="SweepMetrics.AccuracyBuckets"/>);
/// Orleans' latencies (unit ms) get <see cref="MillisecondBuckets"/> through a view, since OpenTelemetry's default
/// boundaries (0, 5, 10 … 10000) put most calls inside one silo, well under 5 ms, into the first bucket; its message
/// sizes (unit By, bytes) get <see cref="ByteBuckets"/>, since the defaults would put nearly every message past
/// 10,000 bytes or into a handful of small buckets.
/// </summary>
public static class SiloMetrics
{
    public const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>From a tenth of a millisecond (a local grain call, a directory registration) to a minute.</summary>
    public static readonly IReadOnlyList<double> MillisecondBuckets =
        [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000];

    /// <summary>From 64 bytes (a small grain call) to 16 MiB (a page of a 100,000-trial status), by factors of four.</summary>
    public static readonly IReadOnlyList<double> ByteBuckets =
        [64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216];

    public static MeterProviderBuilder AddSiloMetrics(this MeterProviderBuilder metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        metrics
            .AddMeter(SweepMetrics.MeterName)
            .AddMeter(OrleansMeterName)
            .AddRuntimeInstrumentation()
            .AddProcessInstrumentation()
            .AddAspNetCoreInstrumentation();
        if (metrics is IDeferredMeterProviderBuilder deferred)
        {
            // A host's provider: its own meter factory is known once the container is built.
            deferred.Configure((services, builder) =>
            {
                var own = services.GetRequiredService<IMeterFactory>();
                builder.AddView(instrument => IsAnotherHosts(instrument, own) ? MetricStreamConfiguration.Drop : BucketsFor(instrument));
            });
        }
        else
        {
            metrics.AddView(BucketsFor);
        }

        return metrics;
    }

    /// <summary>
    /// Whether the instrument belongs to another host's container in this process. The exporter listens for meters by
    /// name across the process, so silos started side by side in one process (tests, benchmarks) would each export the
    /// others' SuperConvergence series too; one silo per process, as deployed, has nothing to drop.
    /// </summary>
    public static bool IsAnotherHosts(Instrument instrument, IMeterFactory own)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return instrument.Meter.Scope is IMeterFactory scope && !ReferenceEquals(scope, own);
    }

    /// <summary>
    /// The view of an instrument: explicit buckets for Orleans' histograms in milliseconds and in bytes; null (as
    /// created) otherwise.
    /// </summary>
    public static MetricStreamConfiguration? BucketsFor(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (instrument.Meter.Name != OrleansMeterName || !IsHistogram(instrument))
        {
            return null;
        }

        return instrument.Unit switch
        {
            "ms" => new ExplicitBucketHistogramConfiguration { Boundaries = [.. MillisecondBuckets] },
            "By" or "bytes" => new ExplicitBucketHistogramConfiguration { Boundaries = [.. ByteBuckets] },
            _ => null,
        };
    }

    private static bool IsHistogram(Instrument instrument) =>
        instrument.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(Histogram<>);
}
