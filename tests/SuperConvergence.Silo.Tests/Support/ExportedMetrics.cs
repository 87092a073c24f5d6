using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using SuperConvergence.Grains.Telemetry;
using SuperConvergence.Silo.Hosting;
using SuperConvergence.Training.Runtime;

namespace SuperConvergence.Silo.Tests.Support;

/// <summary>One of the silo's own instruments and the series names Prometheus gets for it.</summary>
internal sealed record ExportedInstrument(string Name, IReadOnlyList<string> PrometheusNames);

/// <summary>
/// The silo's own instruments, read from their definitions (the classes that create them on the SuperConvergence
/// meter), with the names the OpenTelemetry Prometheus exporter gives them.
/// </summary>
internal static class ExportedMetrics
{
    public static IReadOnlyList<ExportedInstrument> Instruments()
    {
        using var services = new ServiceCollection().AddMetrics().AddSingleton<SweepMetrics>().AddSingleton<SweepSnapshots>().AddSingleton<LiveTrials>()
            .AddSingleton<IGpuMemoryReader>(NoGpuMemory.Instance).AddSingleton<GpuMemoryGauges>().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        services.GetRequiredService<SweepMetrics>();
        services.GetRequiredService<SweepSnapshots>();
        services.GetRequiredService<LiveTrials>();
        services.GetRequiredService<GpuMemoryGauges>();

        // Start announces the instruments that exist already; only this provider's, not other tests' silos'.
        var found = new List<Instrument>();
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Meter.Name == SweepMetrics.MeterName)
                {
                    found.Add(instrument);
                }
            };
            listener.Start();
        }

        return [.. found.Select(i => new ExportedInstrument(i.Name, PrometheusNames(i)))];
    }

    /// <summary>Every series name of <see cref="Instruments"/>.</summary>
    public static IReadOnlySet<string> Names() => Instruments().SelectMany(i => i.PrometheusNames).ToHashSet(StringComparer.Ordinal);

    private static IReadOnlyList<string> PrometheusNames(Instrument instrument)
    {
        // The exporter appends the unit's Prometheus name; a unit this mapping does not know must extend it.
        var suffix = instrument.Unit switch
        {
            null or "" => "",
            "s" => "_seconds",
            "By" => "_bytes",
            _ => throw new InvalidOperationException($"instrument {instrument.Name} has unit '{instrument.Unit}', which this mapping does not name"),
        };
        var name = instrument.Name.Replace('.', '_') + suffix;
        var kind = instrument.GetType().GetGenericTypeDefinition();
        if (kind == typeof(Counter<>) || kind == typeof(ObservableCounter<>))
        {
            return [$"{name}_total"];
        }

        return kind == typeof(Histogram<>) ? [$"{name}_bucket", $"{name}_sum", $"{name}_count"] : [name];
    }
}
