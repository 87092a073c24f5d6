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
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly optim.Optimizer _optimizer;
    private readonly Tensor _inputs;
    private readonly Tensor _labels;
    private readonly int _batchSize;

    public BareTrainingLoop(string modelName, double width, ImageShape shape, int classes, int batchSize, Device device)
    {
        this._batchSize = batchSize;
        using var generator = new Generator(1);
        _model = ModelCatalog.Create(new ModelRequest(modelName, shape, classes, width), generator);
        _model.to(device);
        _model.train();
        _optimizer = optim.SGD(_model.parameters(), 0.01, momentum: 0.9, weight_decay: 5e-4);
        _inputs = randn([batchSize, shape.Channels, shape.Height, shape.Width], generator: generator).to(device).DetachFromDisposeScope();
        _labels = randint(0, classes, [batchSize], generator: generator).to(device).DetachFromDisposeScope();
    }

    public double ImagesPerSecond(int steps)
    {
        var clock = Stopwatch.StartNew();
        for (var step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            _optimizer.zero_grad();
            nn.functional.cross_entropy(_model.call(_inputs), _labels).backward();
            _optimizer.step();
        }

        // On a GPU the queue may still be running: wait for it before stopping the clock.
        _model.parameters().First()[0].sum().item<float>();
        return steps * (double)_batchSize / clock.Elapsed.TotalSeconds;
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _model.Dispose();
        _inputs.Dispose();
        _labels.Dispose();
    }
}
