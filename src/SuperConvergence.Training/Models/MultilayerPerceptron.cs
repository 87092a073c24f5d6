using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace SuperConvergence.Training.Models;

/// <summary>A fully connected baseline: flatten, hidden ReLU layers, linear classifier.</summary>
internal sealed class MultilayerPerceptron : Module<Tensor, Tensor>
{
    private readonly ModuleList<Linear> layers;

    public MultilayerPerceptron(string name, long inputFeatures, int classCount, IReadOnlyList<int> hiddenWidths)
        : base(name)
    {
        layers = new ModuleList<Linear>();
        var width = inputFeatures;
        foreach (var hidden in hiddenWidths)
        {
            layers.Add(Linear(width, hidden));
            width = hidden;
        }

        layers.Add(Linear(width, classCount));
        RegisterComponents();
    }

    /// <summary>ReLU after every layer but the classifier.</summary>
    public override Tensor forward(Tensor input)
    {
        var activations = input.flatten(1);
        for (var i = 0; i < layers.Count; i++)
        {
            activations = layers[i].call(activations);
            if (i < layers.Count - 1)
            {
                activations = functional.relu(activations);
            }
        }

        return activations;
    }
}
