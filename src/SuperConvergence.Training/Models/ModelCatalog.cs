using SuperConvergence.Training.Models.Plugins;
using SuperConvergence.Training.Models.TorchScript;
using static TorchSharp.torch;

namespace SuperConvergence.Training.Models;

/// <summary>What a model is built for: its input images, classes and a width multiplier on every layer.</summary>
public sealed record ModelRequest(string Name, ImageShape Input, int ClassCount, double WidthMultiplier = 1.0);

/// <summary>The networks `--model` accepts.</summary>
public static class ModelCatalog
{
    /// <summary>The CIFAR ResNets of the super-convergence paper, by depth (6n+2, n blocks per stage).</summary>
    private static readonly IReadOnlyDictionary<string, int> CifarResNetBlocks = new Dictionary<string, int>
    {
        ["resnet-20"] = 3,
        ["resnet-32"] = 5,
        ["resnet-56"] = 9,
    };

    public const string SmallResNet = "resnet-small";
    public const string Mlp = "mlp";

    public static IReadOnlyList<string> Names { get; } = [.. CifarResNetBlocks.Keys, SmallResNet, Mlp];

    public static bool Exists(string name) => Names.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the name stands for a model read from a file (a plugin's, a TorchScript module) rather than the catalog's.</summary>
    public static bool NamesAFile(string name) =>
        name.StartsWith(PluginModelReference.Prefix, StringComparison.Ordinal) || name.StartsWith(TorchScriptModelReference.Prefix, StringComparison.Ordinal);

    /// <summary>The ResNets: they convolve images, so feature vectors (C×1×1) are not input for them.</summary>
    public static bool IsConvolutional(string name) => Exists(name) && !string.Equals(name, Mlp, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Why <paramref name="name"/> cannot be trained on images of <paramref name="input"/> with
    /// <paramref name="classCount"/> classes, or null when it can: an unknown catalog name, or a plugin model
    /// (<see cref="PluginModelReference"/>) that does not load or whose output does not fit the classes.
    /// </summary>
    public static string? Problem(string name, ImageShape input, int classCount)
    {
        ArgumentNullException.ThrowIfNull(name);
        PluginModelReference? plugin;
        TorchScriptModelReference? torchScript;
        try
        {
            plugin = PluginModelReference.Parse(name);
            torchScript = TorchScriptModelReference.Parse(name);
        }
        catch (FormatException e)
        {
            return e.Message;
        }

        if (plugin is not null)
        {
            return PluginModels.Problem(plugin, input, classCount);
        }

        if (torchScript is not null)
        {
            return TorchScriptModels.Problem(torchScript, input, classCount);
        }

        return Exists(name) ? null : $"is not a model this trainer has; known: {string.Join(", ", Names)}, or plugin:PATH#TYPE, torchscript:PATH";
    }

    /// <summary>Builds the named network with weights drawn from <paramref name="generator"/>.</summary>
    public static nn.Module<Tensor, Tensor> Create(ModelRequest request, Generator generator)
    {
        if (request.WidthMultiplier is <= 0 or > 16 || double.IsNaN(request.WidthMultiplier))
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.WidthMultiplier, "width multiplier must lie in (0, 16]");
        }

        if (TorchScriptModelReference.Parse(request.Name) is { } torchScript)
        {
            // Its weights are the archive's (TorchScriptModels says why).
            return TorchScriptModels.Create(torchScript);
        }

        if (PluginModelReference.Parse(request.Name) is { } plugin)
        {
            var own = PluginModels.Create(plugin, request, generator);
            ParameterInitialisation.Apply(own, generator);
            return own;
        }

        var name = request.Name.ToLowerInvariant();
        if (IsConvolutional(name) && request.Input.Height == 1 && request.Input.Width == 1)
        {
            throw new ArgumentException($"model '{request.Name}' convolves images, but the samples are feature vectors ({request.Input}); use model {Mlp}", nameof(request));
        }

        int Scaled(int width) => Math.Max(1, (int)Math.Round(width * request.WidthMultiplier));
        nn.Module<Tensor, Tensor> model = name switch
        {
            _ when CifarResNetBlocks.TryGetValue(name, out var blocks) =>
                new ResidualNetwork(name, request.Input.Channels, request.ClassCount, blocks, Scaled(16)),
            // ResNet-8 (one block per stage): on 28×28 grey images it reaches Fashion-MNIST's >92% in a few epochs
            // at a fraction of ResNet-20's cost, which keeps CPU sweeps practical.
            SmallResNet => new ResidualNetwork(name, request.Input.Channels, request.ClassCount, 1, Scaled(16)),
            Mlp => new MultilayerPerceptron(name, request.Input.PixelsPerImage, request.ClassCount, [Scaled(256), Scaled(256)]),
            _ => throw new ArgumentException($"unknown model '{request.Name}'; known: {string.Join(", ", Names)}", nameof(request)),
        };

        ParameterInitialisation.Apply(model, generator);
        return model;
    }
}
