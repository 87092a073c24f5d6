using static TorchSharp.torch;

namespace SuperConvergence.Training.Models;

/// <summary>
/// Draws every weight from the run's own generator instead of libtorch's global one, so that concurrent trainers
/// in one process (several trial grains on a silo) each get exactly the initialisation their seed names.
/// Convolutions: He normal (std √(2/fan_in)), as in He et al.; linear layers: uniform ±1/√fan_in;
/// batch norm: scale 1, shift 0.
/// </summary>
internal static class ParameterInitialisation
{
    public static void Apply(nn.Module model, Generator generator)
    {
        using var noGrad = no_grad();
        foreach (var module in model.modules())
        {
            switch (module)
            {
                case Convolution conv:
                    var fanIn = conv.in_channels / conv.groups * conv.kernel_size.Aggregate(1L, (a, b) => a * b);
                    Normal(conv.weight, Math.Sqrt(2.0 / fanIn), generator);
                    if (conv.bias is not null)
                    {
                        nn.init.zeros_(conv.bias);
                    }

                    break;
                case Linear linear:
                    var bound = 1.0 / Math.Sqrt(linear.in_features);
                    Uniform(linear.weight, bound, generator);
                    if (linear.bias is not null)
                    {
                        Uniform(linear.bias, bound, generator);
                    }

                    break;
                case BatchNorm2d norm:
                    nn.init.ones_(norm.weight);
                    nn.init.zeros_(norm.bias);
                    break;
            }
        }
    }

    // TorchSharp's nn.init overloads that take a generator do not draw from it (seen in 0.107: the same
    // generator seed gave different weights), so the draws are made here and copied in.
    private static void Normal(Tensor parameter, double standardDeviation, Generator generator)
    {
        using var values = randn(parameter.shape, generator: generator).mul_(standardDeviation);
        parameter.copy_(values);
    }

    private static void Uniform(Tensor parameter, double bound, Generator generator)
    {
        using var values = rand(parameter.shape, generator: generator).mul_(2 * bound).sub_(bound);
        parameter.copy_(values);
    }
}
