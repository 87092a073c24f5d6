using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SuperConvergence.Training.Tests.RangeTests;

/// <summary>
/// A module whose parameters are θ (one tensor per block, "theta0", "theta1", …) and whose forward ignores its input
/// and returns ½ θᵀAθ − bᵀθ. It counts its forward passes in a buffer, as batch norm counts its batches.
/// </summary>
internal sealed class QuadraticBowl : nn.Module<Tensor, Tensor>
{
    private readonly Tensor a;
    private readonly Tensor b;
    private readonly Parameter[] blocks;
    private readonly Tensor passes;

    public QuadraticBowl(Quadratic quadratic, ScalarType dtype)
        : base("quadratic")
    {
        var n = quadratic.Dimension;
        a = tensor(quadratic.A.Cast<double>().ToArray(), [n, n], dtype);
        b = tensor(quadratic.B, dtype);
        blocks = [.. quadratic.Blocks().Select(r => new Parameter(tensor(quadratic.Theta[r], dtype)))];
        for (var i = 0; i < blocks.Length; i++)
        {
            register_parameter($"theta{i}", blocks[i]);
        }

        passes = zeros(1, ScalarType.Int64);
        register_buffer("passes", passes);
    }

    /// <summary>Forward passes so far.</summary>
    public long Passes => passes.item<long>();

    /// <summary>θ as the module holds it (rounded to its precision), in double.</summary>
    public double[] Theta() => [.. blocks.SelectMany(p => p.detach().to(ScalarType.Float64).data<double>().ToArray())];

    /// <summary>A as the module holds it, in double.</summary>
    public double[,] Matrix()
    {
        var n = b.shape[0];
        var values = a.to(ScalarType.Float64).data<double>().ToArray();
        var matrix = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                matrix[i, j] = values[i * n + j];
            }
        }

        return matrix;
    }

    /// <summary>b as the module holds it, in double.</summary>
    public double[] Offset() => [.. b.to(ScalarType.Float64).data<double>().ToArray()];

    /// <summary>The gradients each block's grad holds, in double.</summary>
    public double[] Gradient() => [.. blocks.SelectMany(p => p.grad!.to(ScalarType.Float64).data<double>().ToArray())];

    public Tensor Loss() => call(empty(0));

    public override Tensor forward(Tensor input)
    {
        passes.add_(1);
        var theta = cat(blocks.Select(p => (Tensor)p).ToList(), 0);
        return theta.dot(a.mv(theta)).mul(0.5).sub(b.dot(theta));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            a.Dispose();
            b.Dispose();
        }

        base.Dispose(disposing);
    }
}
