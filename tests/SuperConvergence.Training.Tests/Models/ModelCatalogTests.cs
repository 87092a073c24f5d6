using SuperConvergence.Training.Data;
using SuperConvergence.Training.Models;
using static TorchSharp.torch;

namespace SuperConvergence.Training.Tests.Models;

public sealed class ModelCatalogTests
{
    public static TheoryData<string, int, int> Shapes => new()
    {
        { "resnet-20", 3, 32 },
        { "resnet-32", 3, 32 },
        { "resnet-56", 3, 32 },
        { "resnet-small", 1, 28 },
        { "mlp", 1, 28 },
        { "resnet-small", 1, 12 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_model_maps_a_batch_of_images_to_one_logit_per_class(string name, int channels, int size)
    {
        using var generator = new Generator(1);
        using var model = ModelCatalog.Create(new ModelRequest(name, new ImageShape(channels, size, size), 7), generator);
        using var scope = NewDisposeScope();
        model.eval();

        var logits = model.forward(randn(3, channels, size, size));

        Assert.Equal(new long[] { 3, 7 }, logits.shape);
    }

    [Theory]
    [InlineData("resnet-20", 3, 32, 269_722)]
    [InlineData("resnet-32", 3, 32, 464_154)]
    [InlineData("resnet-56", 3, 32, 853_018)]
    [InlineData("resnet-small", 1, 28, 75_002)]
    [InlineData("mlp", 1, 28, 269_322)]
    public void The_models_have_the_parameter_counts_of_their_architecture(string name, int channels, int size, long expected)
    {
        // He et al. (2016), table 6: 0.27M, 0.46M, 0.85M. Exact counts: 3x3 convolutions without bias, option-A
        // shortcuts (no parameters), batch-norm scale and shift per channel, a 64x10 classifier with bias.
        // ResNet-8 on one channel: 144 + 4,608 + 13,824 + 55,296 conv weights, 480 batch-norm, 650 classifier.
        // MLP on 28x28: 784·256+256 + 256·256+256 + 256·10+10.
        using var generator = new Generator(1);
        using var model = ModelCatalog.Create(new ModelRequest(name, new ImageShape(channels, size, size), 10), generator);

        Assert.Equal(expected, model.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void The_width_multiplier_scales_every_layer()
    {
        using var generator = new Generator(1);
        using var narrow = ModelCatalog.Create(new ModelRequest("resnet-20", new ImageShape(3, 32, 32), 10), generator);
        using var wide = ModelCatalog.Create(new ModelRequest("resnet-20", new ImageShape(3, 32, 32), 10, WidthMultiplier: 2), generator);

        // Convolution weights grow with in × out channels: about four times as many parameters.
        var ratio = (double)wide.parameters().Sum(p => p.numel()) / narrow.parameters().Sum(p => p.numel());
        Assert.InRange(ratio, 3.9, 4.0);
    }

    [Fact]
    public void The_same_seed_gives_the_same_weights_and_another_seed_different_ones()
    {
        var request = new ModelRequest("resnet-small", new ImageShape(1, 28, 28), 10);
        using var first = ModelCatalog.Create(request, new Generator(42));
        using var again = ModelCatalog.Create(request, new Generator(42));
        using var other = ModelCatalog.Create(request, new Generator(43));

        var pairs = first.parameters().Zip(again.parameters(), other.parameters());
        Assert.All(pairs, p => Assert.True(p.First.eq(p.Second).all().item<bool>()));
        Assert.Contains(first.parameters().Zip(other.parameters()), p => !p.First.eq(p.Second).all().item<bool>());
    }

    [Fact]
    public void Unknown_names_and_absurd_widths_are_refused_with_the_known_names()
    {
        using var generator = new Generator(1);
        var shape = new ImageShape(1, 28, 28);

        var unknown = Assert.Throws<ArgumentException>(() => ModelCatalog.Create(new ModelRequest("resnet-99", shape, 10), generator));
        Assert.Contains("unknown model 'resnet-99'; known: resnet-20, resnet-32, resnet-56, resnet-small, mlp", unknown.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelCatalog.Create(new ModelRequest("mlp", shape, 10, WidthMultiplier: 0), generator));
    }

    [Fact]
    public void A_resnet_on_feature_vectors_is_refused_naming_the_mlp()
    {
        using var generator = new Generator(1);

        var error = Assert.Throws<ArgumentException>(() => ModelCatalog.Create(new ModelRequest("resnet-20", new ImageShape(4, 1, 1), 3), generator));

        Assert.StartsWith("model 'resnet-20' convolves images, but the samples are feature vectors (4x1x1); use model mlp", error.Message);
    }
}
