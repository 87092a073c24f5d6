using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using SuperConvergence.Silo.Hosting;
using SuperConvergence.Training.Runtime;

namespace SuperConvergence.Silo.Tests.Hosting;

/// <summary>The workers dashboard's GPU memory: what the driver reports reaches the scrape; no driver, no series.</summary>
public sealed class GpuMemoryGaugesTests
{
    [Fact]
    public void Each_gpu_the_driver_reports_is_a_used_and_a_total_series_labelled_by_index_and_name()
    {
        var reader = new FixedGpus([new GpuMemory(0, "NVIDIA H100", 85_000_000_000, 12_000_000_000), new GpuMemory(1, "NVIDIA H100", 85_000_000_000, 3)]);

        var scrape = Scrape(reader);

        Assert.Equal(
            [
                ("sc.worker.gpu.memory.total", 0, 85_000_000_000L), ("sc.worker.gpu.memory.total", 1, 85_000_000_000L),
                ("sc.worker.gpu.memory.used", 0, 12_000_000_000L), ("sc.worker.gpu.memory.used", 1, 3L),
            ],
            scrape.Select(m => (m.Instrument, m.Gpu, m.Value)).Order());
        Assert.All(scrape, m => Assert.Equal("NVIDIA H100", m.Name));
    }

    [Fact]
    public void A_machine_without_a_gpu_exports_no_series()
    {
        Assert.Empty(Scrape(NoGpuMemory.Instance));
    }

    [Fact]
    public void Without_the_driver_s_library_or_its_functions_there_is_no_reader_and_nothing_throws()
    {
        Assert.Null(NvmlGpuMemoryReader.Open("libsc-no-such-library.so"));

        // A library that loads but is not NVIDIA's: its functions are missing.
        Assert.Null(NvmlGpuMemoryReader.Open("libc.so.6"));
    }

    private static List<(string Instrument, int Gpu, string Name, long Value)> Scrape(IGpuMemoryReader reader)
    {
        using var services = new ServiceCollection().AddMetrics().AddSingleton(reader).AddSingleton<GpuMemoryGauges>().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        services.GetRequiredService<GpuMemoryGauges>();
        var measurements = new List<(string, int, string, long)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var labels = tags.ToArray().ToDictionary(t => t.Key, t => t.Value);
            measurements.Add((instrument.Name, (int)labels["gpu"]!, (string)labels["name"]!, value));
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return measurements;
    }

    private sealed class FixedGpus(IReadOnlyList<GpuMemory> gpus) : IGpuMemoryReader
    {
        public IReadOnlyList<GpuMemory> Read() => gpus;
    }
}
