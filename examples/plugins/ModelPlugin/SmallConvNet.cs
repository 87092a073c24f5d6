using SuperConvergence.Extensibility;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace SuperConvergence.Examples.ModelPlugin;

/// <summary>
/// A small convolutional network for any image size: two 3×3 convolution blocks (batch norm, ReLU, 2×2 max pooling)
/// of 16 and 32 channels, global average pooling and a linear classifier.
/// </summary>
public sealed class SmallConvNet : IModelFactory
{
    public Module<Tensor, Tensor> Create(ModelContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        int Width(int channels) => Math.Max(1, (int)Math.Round(channels * context.WidthMultiplier));
        return Sequential(
            ("conv1", Conv2d(context.Channels, Width(16), 3, padding: 1, bias: false)),
            ("norm1", BatchNorm2d(Width(16))),
            ("relu1", ReLU()),
            ("pool1", MaxPool2d(2)),
            ("conv2", Conv2d(Width(16), Width(32), 3, padding: 1, bias: false)),
            ("norm2", BatchNorm2d(Width(32))),
            ("relu2", ReLU()),
            ("pool2", AdaptiveAvgPool2d(1)),
            ("flatten", Flatten()),
            ("classifier", Linear(Width(32), context.ClassCount)));
    }
}
