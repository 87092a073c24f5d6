using SuperConvergence.Training.Data;
using SuperConvergence.Training.Models;
using static TorchSharp.torch;

namespace SuperConvergence.Training.Tests.Models;

public sealed class ModelCostTests
{
    [Theory]
    // 784·256 + 256·256 + 256·10
    [InlineData("mlp", 1, 28, 268_800)]
    // Stem 32²·16·27; stage 1: six 32²·16·144; stage 2: 16²·32·144 + five 16²·32·288; stage 3 likewise at 8² and 64
    // channels; classifier 64·10. About the 41M usually quoted for ResNet-20.
    [InlineData("resnet-20", 3, 32, 40_551_040)]
    public void Tracing_a_forward_pass_counts_the_multiply_accumulates_of_every_convolution_and_linear_layer(string name, int channels, int size, long expected)
    {
        var shape = new ImageShape(channels, size, size);
        using var model = ModelCatalog.Create(new ModelRequest(name, shape, 10), new Generator(1));

        Assert.Equal(expected, ModelCost.MultiplyAccumulatesPerImage(model, shape));
        Assert.True(model.training, "counting leaves the model in training mode");
        Assert.Equal(expected, ModelCost.MultiplyAccumulatesPerImage(model, shape));
    }
}
