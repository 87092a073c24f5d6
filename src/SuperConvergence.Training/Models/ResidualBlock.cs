using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace SuperConvergence.Training.Models;

/// <summary>
/// The basic residual block of He et al.: two 3×3 convolutions with batch norm. Where the block halves the
/// resolution or widens the channels, the shortcut is the paper's parameter-free option A for CIFAR:
/// subsample by two and pad the new channels with zeros.
/// </summary>
internal sealed class ResidualBlock : Module<Tensor, Tensor>
{
    private readonly Convolution2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Convolution2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly int stride;
    private readonly long extraChannels;

    public ResidualBlock(string name, long inChannels, long outChannels, int stride)
        : base(name)
    {
        conv1 = new Convolution2d(inChannels, outChannels, 3, stride: stride, padding: 1, bias: false);
        bn1 = BatchNorm2d(outChannels);
        conv2 = new Convolution2d(outChannels, outChannels, 3, stride: 1, padding: 1, bias: false);
        bn2 = BatchNorm2d(outChannels);
        this.stride = stride;
        extraChannels = outChannels - inChannels;
        if (extraChannels < 0)
        {
            throw new ArgumentException($"a residual block cannot narrow {inChannels} to {outChannels} channels");
        }

        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var residual = bn2.call(conv2.call(functional.relu(bn1.call(conv1.call(input)))));
        var shortcut = input;
        if (stride > 1)
        {
            shortcut = shortcut[.., .., TensorIndex.Slice(null, null, stride), TensorIndex.Slice(null, null, stride)];
        }

        if (extraChannels > 0)
        {
            var before = extraChannels / 2;
            shortcut = functional.pad(shortcut, [0, 0, 0, 0, before, extraChannels - before]);
        }

        return functional.relu(residual.add_(shortcut));
    }
}
