using System.Diagnostics;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperConvergence.Training.Benchmarks;

/// <summary>
/// The floor to compare the trainer with: the same model and batch size stepped by plain TorchSharp SGD on one
/// fixed batch: no data pipeline, no schedule, no metrics, no callbacks, no loss read back.
/// </summary>
internal sealed class BareTrainingLoop : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> model;
    private readonly optim.Optimizer optimizer;
    private readonly Tensor inputs;
    private readonly Tensor labels;
    private readonly int batchSize;

    public BareTrainingLoop(string modelName, double width, ImageShape shape, int classes, int batchSize, Device device)
    {
        this.batchSize = batchSize;
        using var generator = new Generator(1);
        model = ModelCatalog.Create(new ModelRequest(modelName, shape, classes, width), generator);
        model.to(device);
        model.train();
        optimizer = optim.SGD(model.parameters(), 0.01, momentum: 0.9, weight_decay: 5e-4);
        inputs = randn([batchSize, shape.Channels, shape.Height, shape.Width], generator: generator).to(device).DetachFromDisposeScope();
        labels = randint(0, classes, [batchSize], generator: generator).to(device).DetachFromDisposeScope();
    }

    public double ImagesPerSecond(int steps)
    {
        var clock = Stopwatch.StartNew();
        for (var step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            nn.functional.cross_entropy(model.call(inputs), labels).backward();
            optimizer.step();
        }

        // On a GPU the queue may still be running: wait for it before stopping the clock.
        model.parameters().First()[0].sum().item<float>();
        return steps * (double)batchSize / clock.Elapsed.TotalSeconds;
    }

    public void Dispose()
    {
        optimizer.Dispose();
        model.Dispose();
        inputs.Dispose();
        labels.Dispose();
    }
}
