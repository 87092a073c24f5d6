using System.Diagnostics;
using static TorchSharp.torch;

namespace SuperConvergence.Training.Benchmarks;

/// <summary>The machine's practical float32 peak: the best rate of large square matrix products on the device.</summary>
internal static class MatmulPeak
{
    public static double GigaflopsPerSecond(Device device, int size = 2048, int repeats = 8, int trials = 3)
    {
        using var scope = NewDisposeScope();
        var a = randn(size, size, device: device);
        var b = randn(size, size, device: device);
        a.matmul(b).Dispose();
        var best = double.MaxValue;
        for (var trial = 0; trial < trials; trial++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < repeats; i++)
            {
                using var product = a.matmul(b);
                // Reading one element waits for the device (a no-op on the CPU, where work is synchronous).
                product[0, 0].item<float>();
            }

            best = Math.Min(best, clock.Elapsed.TotalSeconds / repeats);
        }

        return 2.0 * size * size * size / best / 1e9;
    }
}
