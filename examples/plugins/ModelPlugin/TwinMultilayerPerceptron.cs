using SuperConvergence.Extensibility;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace SuperConvergence.Examples.ModelPlugin;

/// <summary>
/// The built-in <c>mlp</c>'s architecture as a plugin (flatten, two hidden layers of 256 ReLU units, a linear
/// classifier): the benchmark that compares a plugin's training throughput with the built-in path trains both.
/// </summary>
public sealed class TwinMultilayerPerceptron : IModelFactory
{
    public Module<Tensor, Tensor> Create(ModelContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var hidden = Math.Max(1, (int)Math.Round(256 * context.WidthMultiplier));
        return Sequential(
            ("flatten", Flatten()),
            ("hidden1", Linear(context.Channels * context.Height * context.Width, hidden)),
            ("relu1", ReLU()),
            ("hidden2", Linear(hidden, hidden)),
            ("relu2", ReLU()),
            ("classifier", Linear(hidden, context.ClassCount)));
    }
}
