using BenchmarkDotNet.Attributes;
using SuperConvergence.Core.Schedules;

namespace SuperConvergence.Core.Benchmarks;

/// <summary>One schedule step, as a trainer asks for it every iteration. Target: well under a microsecond.</summary>
[MemoryDiagnoser]
public class ScheduleBenchmarks
{
    private const int TotalSteps = 100_000;
    private readonly OneCycleSchedule _oneCycle = new(new OneCycleOptions(1.0, TotalSteps));
    private readonly OneCycleSchedule _threePhase = new(new OneCycleOptions(1.0, TotalSteps, ThreePhase: true));
    private readonly CyclicSchedule _cyclic = new(new CyclicOptions(0.01, 1.0, TotalSteps, StepSizeUp: 2000, Mode: CyclicMode.ExpRange, Gamma: 0.9999));
    private int _step;

    [Benchmark(Baseline = true)]
    public ScheduleValue OneCycleStep() => _oneCycle.At(_step = (_step + 7919) % TotalSteps);

    [Benchmark]
    public ScheduleValue OneCycleThreePhaseStep() => _threePhase.At(_step = (_step + 7919) % TotalSteps);

    [Benchmark]
    public ScheduleValue CyclicExpRangeStep() => _cyclic.At(_step = (_step + 7919) % TotalSteps);
}
