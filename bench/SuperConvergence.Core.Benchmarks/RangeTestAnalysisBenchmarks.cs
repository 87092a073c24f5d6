using BenchmarkDotNet.Attributes;
using SuperConvergence.Core.RangeTests;

namespace SuperConvergence.Core.Benchmarks;

/// <summary>Analysis of a 10,000-point range-test curve with accuracy every 50 points. Target: under 10 ms.</summary>
[MemoryDiagnoser]
public class RangeTestAnalysisBenchmarks
{
    private List<RangeTestPoint> _curve = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _curve = Enumerable.Range(0, 10_000).Select(i =>
        {
            var lr = 1e-5 * Math.Pow(1e6, i / 9_999.0);
            var x = Math.Log10(lr);
            var loss = 2.3 - 1.8 / (1 + Math.Exp(-3 * (x + 2))) + Math.Max(0, x - 0.3) * 4 + 0.05 * random.NextDouble();
            double? accuracy = i % 50 == 0 ? Math.Clamp(0.9 / (1 + Math.Exp(-4 * (x + 2.5))), 0, 1) : null;
            return new RangeTestPoint(lr, loss, accuracy);
        }).ToList();
    }

    [Benchmark]
    public RangeTestReport Analyze10000Points() => RangeTestAnalysis.Analyze(_curve);
}
