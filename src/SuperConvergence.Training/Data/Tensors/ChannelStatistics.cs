namespace SuperConvergence.Training.Data.Tensors;

/// <summary>
/// Per-channel mean and standard deviation of a training set, in pixel units (0–255). Computed from the data
/// rather than looked up, so a subset, our own split of an npm copy, or a synthetic set all normalise correctly.
/// </summary>
public sealed record ChannelStatistics(double[] Mean, double[] StandardDeviation)
{
    public static ChannelStatistics Of(LabelledImages images)
    {
        var shape = images.Shape;
        var plane = shape.Height * shape.Width;
        var mean = new double[shape.Channels];
        var deviation = new double[shape.Channels];
        for (var c = 0; c < shape.Channels; c++)
        {
            long sum = 0, squares = 0;
            for (var i = 0; i < images.Count; i++)
            {
                var start = ((long)i * shape.PixelsPerImage) + ((long)c * plane);
                foreach (var value in images.Pixels.AsSpan((int)start, plane))
                {
                    sum += value;
                    squares += value * value;
                }
            }

            var n = (double)images.Count * plane;
            mean[c] = sum / n;
            // A constant channel would divide by zero; unit scale leaves it centred and finite.
            deviation[c] = Math.Max(Math.Sqrt(Math.Max((squares / n) - (mean[c] * mean[c]), 0)), 1.0);
        }

        return new ChannelStatistics(mean, deviation);
    }
}
