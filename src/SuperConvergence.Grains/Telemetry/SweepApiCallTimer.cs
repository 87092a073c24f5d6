using System.Diagnostics;

namespace SuperConvergence.Grains.Telemetry;

/// <summary>
/// Times the calls a coordinator serves on the sweep API (the sweep and catalog grains, what `sc` and the trial grains
/// call) into <c>sc.api.call.duration</c>. Every other call passes through with one type comparison.
/// </summary>
internal sealed class SweepApiCallTimer(SweepMetrics metrics) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var called = context.Request.GetInterfaceType();
        var grain = called == typeof(ISweepGrain) ? "sweep"
            : called == typeof(ISweepCatalogGrain) ? "catalog"
            : null;
        if (grain is null)
        {
            await context.Invoke();
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await context.Invoke();
        }
        finally
        {
            metrics.SweepApiCalled(grain, context.MethodName, Stopwatch.GetElapsedTime(started));
        }
    }
}
