using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace SuperConvergence.Training.Models;

/// <summary>
/// The CIFAR ResNet family of He et al. (depth 6n+2): a 3×3 stem, three stages of n residual blocks at widths
/// w, 2w, 4w (the last two halve the resolution), global average pooling and a linear classifier. Works for any
/// input size ≥ 4×4 because of the global pooling.
/// </summary>
internal sealed class ResidualNetwork : Module<Tensor, Tensor>
{
    private readonly Convolution2d stem;
    private readonly BatchNorm2d stemNorm;
    private readonly ModuleList<ResidualBlock> blocks;
    private readonly Linear classifier;

    public ResidualNetwork(string name, int inputChannels, int classCount, int blocksPerStage, int baseWidth)
        : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blocksPerStage, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(baseWidth, 1);
        stem = new Convolution2d(inputChannels, baseWidth, 3, stride: 1, padding: 1, bias: false);
        stemNorm = BatchNorm2d(baseWidth);
        blocks = new ModuleList<ResidualBlock>();
        long width = baseWidth;
        for (var stage = 0; stage < 3; stage++)
        {
            var stageWidth = (long)baseWidth << stage;
            for (var block = 0; block < blocksPerStage; block++)
            {
                var stride = stage > 0 && block == 0 ? 2 : 1;
                blocks.Add(new ResidualBlock($"stage{stage + 1}_block{block + 1}", width, stageWidth, stride));
                width = stageWidth;
            }
        }

        classifier = Linear(width, classCount);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var features = functional.relu(stemNorm.call(stem.call(input)));
        foreach (var block in blocks)
        {
            features = block.call(features);
        }

        return classifier.call(functional.adaptive_avg_pool2d(features, 1).flatten(1));
    }
}
