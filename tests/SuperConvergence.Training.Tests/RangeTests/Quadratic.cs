namespace SuperConvergence.Training.Tests.RangeTests;

/// <summary>
/// L(θ) = ½ θᵀAθ − bᵀθ with a known symmetric positive definite A, and its closed forms, all in plain C# doubles so
/// that they do not share a line of code with what they check.
/// </summary>
internal sealed record Quadratic(double[,] A, double[] B, double[] Theta, int[] BlockSizes)
{
    public int Dimension => B.Length;

    /// <summary>
    /// Block-diagonal A (or one full block over every coordinate when <paramref name="blockDiagonal"/> is false), each
    /// block Q·diag(λ)·Qᵀ with λ spaced evenly in log from 1 to <paramref name="condition"/> and Q a random rotation.
    /// </summary>
    public static Quadratic Random(int[] blockSizes, double condition, int seed, bool blockDiagonal = true)
    {
        var random = new Random(seed);
        var n = blockSizes.Sum();
        var a = new double[n, n];
        int[] blocks = blockDiagonal ? blockSizes : [n];
        var start = 0;
        foreach (var size in blocks)
        {
            var q = Rotation(size, random);
            for (var i = 0; i < size; i++)
            {
                for (var j = 0; j <= i; j++)
                {
                    double sum = 0;
                    for (var k = 0; k < size; k++)
                    {
                        var lambda = size == 1 ? condition : Math.Pow(condition, k / (double)(size - 1));
                        sum += q[i, k] * lambda * q[j, k];
                    }

                    // Exactly symmetric, also once rounded to float32.
                    a[start + i, start + j] = a[start + j, start + i] = sum;
                }
            }

            start += size;
        }

        return new Quadratic(a, Gaussian(n, random), Gaussian(n, random), blockSizes);
    }

    /// <summary>The direction SGD follows: ∇L + λθ = Aθ − b + λθ.</summary>
    public double[] Direction(double[] theta, double weightDecay = 0)
    {
        var a = Times(theta);
        return [.. a.Select((v, i) => v - B[i] + weightDecay * theta[i])];
    }

    /// <summary>A·v.</summary>
    public double[] Times(double[] v)
    {
        var result = new double[Dimension];
        for (var i = 0; i < Dimension; i++)
        {
            for (var j = 0; j < Dimension; j++)
            {
                result[i] += A[i, j] * v[j];
            }
        }

        return result;
    }

    /// <summary>The coordinates of each block, in order.</summary>
    public IEnumerable<Range> Blocks()
    {
        var start = 0;
        foreach (var size in BlockSizes)
        {
            yield return new Range(start, start + size);
            start += size;
        }
    }

    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static double[] Gaussian(int n, Random random) =>
        [.. Enumerable.Range(0, n).Select(_ => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()))];

    /// <summary>A random orthogonal matrix: Gram–Schmidt on Gaussian columns.</summary>
    private static double[,] Rotation(int n, Random random)
    {
        var q = new double[n, n];
        for (var column = 0; column < n; column++)
        {
            var v = Gaussian(n, random);
            for (var previous = 0; previous < column; previous++)
            {
                double projection = 0;
                for (var i = 0; i < n; i++)
                {
                    projection += q[i, previous] * v[i];
                }

                for (var i = 0; i < n; i++)
                {
                    v[i] -= projection * q[i, previous];
                }
            }

            var norm = Math.Sqrt(Dot(v, v));
            for (var i = 0; i < n; i++)
            {
                q[i, column] = v[i] / norm;
            }
        }

        return q;
    }
}
