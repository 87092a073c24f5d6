using static TorchSharp.torch;

namespace SuperConvergence.Training.Models;

/// <summary>
/// Whether a network from outside the catalog (a plugin's, a TorchScript module) fits a dataset: one forward pass of
/// two zero images must give two rows of as many logits as the dataset has classes.
/// </summary>
internal static class ModelFit
{
    /// <summary>The phrase saying why it does not fit ("gives [2, 7] for …"); null when it does.</summary>
    public static string? Problem(nn.Module<Tensor, Tensor> model, ImageShape input, int classCount)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var scope = NewDisposeScope();
        model.eval();
        using var noGrad = no_grad();
        long[] shape;
        try
        {
            shape = model.call(zeros(2, input.Channels, input.Height, input.Width)).shape;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"fails on 2 images of {input}: {e.GetType().Name}: {OneLine(e.Message)}";
        }

        return shape.Length == 2 && shape[0] == 2 && shape[1] == classCount
            ? null
            : $"gives [{string.Join(", ", shape)}] for 2 images of {input}; the dataset has {classCount} classes, so it must give [2, {classCount}]";
    }

    /// <summary>The first line of a native error (libtorch's carry a C++ backtrace after it).</summary>
    public static string OneLine(string text)
    {
        var firstLine = text.Split('\n', 2)[0].Trim();
        return firstLine.Length > 300 ? firstLine[..300] + "…" : firstLine;
    }
}
