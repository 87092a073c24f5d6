using System.Diagnostics;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperConvergence.Telemetry.Benchmarks;

/// <summary>One SGD step of a catalog model on a fixed random batch of Fashion-MNIST's shape, on the CPU: the unit the metrics' cost is compared with.</summary>
internal static class TrainingStepTimer
{
    public const int Rounds = 5;

    public const int StepsPerRound = 5;

    public static TimeSpan Measure(string modelName, int batchSize)
    {
        using var generator = new Generator(1);
        var shape = new ImageShape(1, 28, 28);
        using var model = ModelCatalog.Create(new ModelRequest(modelName, shape, 10, 1.0), generator);
        model.train();
        using var optimizer = optim.SGD(model.parameters(), 0.01, momentum: 0.9, weight_decay: 5e-4);
        using var inputs = randn([batchSize, shape.Channels, shape.Height, shape.Width], generator: generator);
        using var labels = randint(0, 10, [batchSize], generator: generator);
        var best = TimeSpan.MaxValue;
        for (var round = 0; round <= Rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            for (var step = 0; step < StepsPerRound; step++)
            {
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                nn.functional.cross_entropy(model.call(inputs), labels).backward();
                optimizer.step();
            }

            // Round 0 warms up (allocations, kernel selection) and is not counted.
            if (round > 0)
            {
                best = TimeSpan.FromTicks(Math.Min(best.Ticks, clock.Elapsed.Ticks / StepsPerRound));
            }
        }

        return best;
    }
}
