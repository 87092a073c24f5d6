using static TorchSharp.torch;

namespace SuperConvergence.Training.Models;

/// <summary>
/// The arithmetic a model performs per image, for relating measured throughput to the machine's peak:
/// multiply-accumulates of its convolutions and linear layers (everything else is a rounding error).
/// </summary>
public static class ModelCost
{
    /// <summary>Multiply-accumulates of one forward pass on one image, measured by tracing a forward pass.</summary>
    public static long MultiplyAccumulatesPerImage(nn.Module<Tensor, Tensor> model, ImageShape input)
    {
        long total = 0;
        var hooks = new List<Action>();
        foreach (var module in model.modules())
        {
            switch (module)
            {
                case Convolution conv:
                    var perOutput = conv.in_channels / conv.groups * conv.kernel_size.Aggregate(1L, (a, b) => a * b);
                    hooks.Add(conv.register_forward_hook((_, _, output) => { total += output.numel() * perOutput; return output; }).remove);
                    break;
                case Linear linear:
                    hooks.Add(linear.register_forward_hook((_, _, output) => { total += output.numel() * linear.in_features; return output; }).remove);
                    break;
            }
        }

        var wasTraining = model.training;
        try
        {
            model.eval();
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            var device = model.parameters().First().device;
            model.call(zeros([1, input.Channels, input.Height, input.Width], device: device));
            return total;
        }
        finally
        {
            hooks.ForEach(remove => remove());
            model.train(wasTraining);
        }
    }

    /// <summary>Floating-point operations of one training step per image: forward plus a backward pass of twice its cost, two per MAC.</summary>
    public static double TrainingFlopsPerImage(long multiplyAccumulatesPerImage) => 3.0 * 2.0 * multiplyAccumulatesPerImage;
}
