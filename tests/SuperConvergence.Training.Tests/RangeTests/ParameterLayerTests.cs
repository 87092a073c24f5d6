using SuperConvergence.Training.Data;
using SuperConvergence.Training.Models;
using SuperConvergence.Training.RangeTests;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SuperConvergence.Training.Tests.RangeTests;

public sealed class ParameterLayerTests
{
    [Fact]
    public void A_modules_weight_and_bias_are_one_layer_named_by_the_module_in_parameter_order()
    {
        using var generator = new Generator(1);
        using var mlp = ModelCatalog.Create(new ModelRequest("mlp", new ImageShape(1, 28, 28), 10, 1.0), generator);

        var layers = ParameterLayer.Group(mlp.named_parameters());

        Assert.Equal(["layers.0", "layers.1", "layers.2"], layers.Select(l => l.Name));
        Assert.All(layers, l => Assert.Equal(2, l.Parameters.Count));
        Assert.Equal([256L, 784], layers[0].Parameters[0].shape);
        Assert.Equal([256L], layers[0].Parameters[1].shape);
    }

    [Fact]
    public void A_parameter_on_the_root_module_is_a_layer_of_its_own_and_frozen_parameters_are_left_out()
    {
        using var root = new Parameter(ones(3));
        using var frozen = new Parameter(ones(2), requires_grad: false);
        using var weight = new Parameter(ones(4));
        using var bias = new Parameter(ones(4));

        var layers = ParameterLayer.Group([("scale", root), ("head.frozen", frozen), ("head.weight", weight), ("head.bias", bias)]);

        Assert.Equal(["scale", "head"], layers.Select(l => l.Name));
        Assert.Equal([weight, bias], layers[1].Parameters);
    }
}
