using Microsoft.Extensions.DependencyInjection;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Grains.Telemetry;
using SuperConvergence.Grains.Work;

namespace SuperConvergence.Grains.Tests.Doubles;

/// <summary>A silo's metrics and live-trial registry on their own meter factory, for code that records into them.</summary>
internal sealed class TelemetryServices : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().AddSingleton<SweepMetrics>().AddSingleton<LiveTrials>().BuildServiceProvider();

    public SweepMetrics Metrics => _services.GetRequiredService<SweepMetrics>();

    public LiveTrials Live => _services.GetRequiredService<LiveTrials>();

    public System.Diagnostics.Metrics.IMeterFactory MeterFactory => _services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();

    public AttemptTelemetry For(TrialLease lease, string slot = "w/0") => new(lease, slot, Metrics, Live, TimeProvider.System);

    public void Dispose() => _services.Dispose();
}
