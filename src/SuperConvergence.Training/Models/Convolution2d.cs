using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace SuperConvergence.Training.Models;

/// <summary>
/// A square 2-D convolution (stride, zero padding, optional bias) that keeps libtorch's oneDNN away from channel
/// counts it computes wrongly. TorchSharp-cpu 0.107.0's oneDNN lays channels out in blocks of 8 (AVX, AVX2) or 16
/// (AVX-512) and, for a convolution whose input or output channels do not fill whole blocks, behaves as if it read the
/// unfilled part of a block from memory it never wrote: where freed memory held NaN, the forward pass or the input gradient comes
/// out NaN, and where it held numbers the result is silently wrong (measured 2026-12-05 against a double-precision
/// reference: under AVX2 the input gradient of 4→4 channels was off by 1.3 on values of about 2, the output of 12→4
/// by 0.9; with freed memory filled with NaN, 4→4 gave NaN in 2 to 8 of 40 steps under AVX2 and in most under AVX-512,
/// 12→4 a NaN output under AVX; every count that is a multiple of 16 stayed exact under every ISA). In training that
/// surfaced as a narrow network "diverging" at any learning rate, at random, depending on what the allocator
/// handed out — and, where it did not diverge, as a network trained on wrong gradients.
/// Such layers are computed here as an explicit im2col product (unfold, then a matrix product) whose gradients
/// libtorch's own kernels compute; layers whose channels are multiples of 16 keep oneDNN's speed.
/// Parameters are named and shaped exactly as <see cref="Conv2d"/>'s, so state dicts and checkpoints do not change.
/// </summary>
internal sealed class Convolution2d : Convolution
{
    /// <summary>Channel counts that are multiples of this fill oneDNN's blocks under every ISA it dispatches to.</summary>
    public const long OneDnnBlock = 16;

    private readonly long kernel;
    private readonly long step;
    private readonly long margin;

    public Convolution2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, bool bias = true)
        : base(
            nameof(Convolution2d), inChannels, outChannels, [kernelSize, kernelSize], [stride, stride], [padding, padding], null,
            [1, 1], false, [0, 0], 1, bias, PaddingModes.Zeros, null, null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outChannels, 1);
        ComputesWithoutOneDnn = UnsafeForOneDnn(inChannels, outChannels);
        (kernel, step, margin) = (kernelSize, stride, padding);
    }

    /// <summary>True when this layer's channel counts leave oneDNN's blocks partly filled, so it multiplies im2col columns instead.</summary>
    public bool ComputesWithoutOneDnn { get; }

    public static bool UnsafeForOneDnn(long inChannels, long outChannels) =>
        inChannels % OneDnnBlock != 0 || outChannels % OneDnnBlock != 0;

    public override Tensor forward(Tensor input) =>
        ComputesWithoutOneDnn ? ColumnProduct(input) : functional.conv2d(input, weight, bias, stride, padding, dilation, groups);

    /// <summary>The convolution as (out × in·k²) · (in·k² × positions) per image: unfold's and matmul's gradients are libtorch's own.</summary>
    private Tensor ColumnProduct(Tensor input)
    {
        using var scope = NewDisposeScope();
        var outHeight = ((input.shape[2] + (2 * margin) - kernel) / step) + 1;
        var outWidth = ((input.shape[3] + (2 * margin) - kernel) / step) + 1;
        var columns = functional.unfold(input, kernel, padding: margin, stride: step);
        var output = weight!.view(out_channels, -1).matmul(columns).view(input.shape[0], out_channels, outHeight, outWidth);
        if (bias is not null)
        {
            output = output.add(bias.view(1, out_channels, 1, 1));
        }

        return output.MoveToOuterDisposeScope();
    }
}
