using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace SuperConvergence.Training.Models;

/// <summary>A fully connected baseline: flatten, hidden ReLU layers, linear classifier.</summary>
internal sealed class MultilayerPerceptron : Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    public MultilayerPerceptron(string name, long inputFeatures, int classCount, IReadOnlyList<int> hiddenWidths)
        : base(name)
    {
        layers = Sequential();
        var width = inputFeatures;
        for (var i = 0; i < hiddenWidths.Count; i++)
        {
            layers.append($"fc{i + 1}", Linear(width, hiddenWidths[i]));
            layers.append($"relu{i + 1}", ReLU());
            width = hiddenWidths[i];
        }

        layers.append("classifier", Linear(width, classCount));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => layers.forward(input.flatten(1));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            layers.Dispose();
        }

        base.Dispose(disposing);
    }
}
