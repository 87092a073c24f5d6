using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using SuperConvergence.Grains.Telemetry;

namespace SuperConvergence.Silo.Hosting;

/// <summary>
/// The GPU memory gauges of a worker silo (labels: gpu, name), read from the driver on every scrape. A silo whose
/// backend reports no GPU (CPU workers, coordinators) has a reader with no devices and exports no series.
/// </summary>
public sealed class GpuMemoryGauges : IHostedService, IDisposable
{
    private readonly IGpuMemoryReader _reader;
    private readonly Meter _meter;

    public GpuMemoryGauges(IMeterFactory meters, IGpuMemoryReader reader)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _reader = reader;
        _meter = meters.Create(SweepMetrics.MeterName);
        _meter.CreateObservableGauge("sc.worker.gpu.memory.used", () => Each(m => m.UsedBytes), unit: "By", description: "GPU memory in use as the driver reports it, by every process on the device (gpu, name)");
        _meter.CreateObservableGauge("sc.worker.gpu.memory.total", () => Each(m => m.TotalBytes), unit: "By", description: "GPU memory of the device (gpu, name)");
    }

    // Resolving the service created the gauges; the exporter reads them from here on.
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => (_reader as IDisposable)?.Dispose();

    private IEnumerable<Measurement<long>> Each(Func<GpuMemory, ulong> bytes)
    {
        foreach (var gpu in _reader.Read())
        {
            yield return new Measurement<long>(
                (long)Math.Min(bytes(gpu), long.MaxValue),
                new KeyValuePair<string, object?>("gpu", gpu.Index),
                new KeyValuePair<string, object?>("name", gpu.Name));
        }
    }
}
