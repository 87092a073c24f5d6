namespace SuperConvergence.Core.Search.Baselines;

/// <summary>
/// The standard normal distribution's log density and CDF, which .NET does not provide. TPE needs the CDF only to
/// normalise normals truncated to an interval that contains their centre and is at least one sigma wide, so the mass
/// it divides by is at least Φ(1) − ½ ≈ 0.34 and an absolute error near machine precision is all that matters.
/// </summary>
internal static class StandardNormal
{
    /// <summary>Beyond this |z|, Φ is within 1e-17 of 0 or 1: below the series' own absolute error.</summary>
    private const double Saturation = 8.5;

    private static readonly double LogSqrtTwoPi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>ln φ(z).</summary>
    public static double LogPdf(double z) => -0.5 * z * z - LogSqrtTwoPi;

    /// <summary>
    /// Φ(z) = ½ + φ(z)·(z + z³/3 + z⁵/(3·5) + …) (Marsaglia, "Evaluating the Normal Distribution", J. Stat. Softw.
    /// 2004). Every term has the sign of z, so the sum has no cancellation and Φ is accurate to about 1e-16 absolute;
    /// the loop ends when a term no longer changes the sum.
    /// </summary>
    public static double Cdf(double z)
    {
        if (double.IsNaN(z))
        {
            return double.NaN;
        }

        if (Math.Abs(z) > Saturation)
        {
            return z > 0 ? 1.0 : 0.0;
        }

        var square = z * z;
        var term = z;
        var sum = z;
        var previous = 0.0;
        for (var odd = 3; sum != previous; odd += 2)
        {
            previous = sum;
            term *= square / odd;
            sum += term;
        }

        return 0.5 + sum * Math.Exp(LogPdf(z));
    }
}
