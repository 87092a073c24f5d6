namespace SuperConvergence.Training.Data.Tensors;

/// <summary>
/// Per-channel mean and standard deviation of a training set, in pixel units (0–255). Computed from the data
/// rather than looked up, so a subset, our own split of an npm copy, or a synthetic set all normalise correctly.
/// </summary>
public sealed record ChannelStatistics(double[] Mean, double[] StandardDeviation)
{
    public static ChannelStatistics Of(LabelledImages images)
    {
        if (images.Features is { } features)
        {
            return OfFeatures(images.Shape, images.Count, features);
        }

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

    /// <summary>Real-valued samples: two passes in double (stable for features of any scale); a constant channel gets unit scale.</summary>
    private static ChannelStatistics OfFeatures(ImageShape shape, int count, float[] features)
    {
        var plane = shape.Height * shape.Width;
        var mean = new double[shape.Channels];
        var deviation = new double[shape.Channels];
        var n = (double)count * plane;
        for (var c = 0; c < shape.Channels; c++)
        {
            double sum = 0;
            foreach (var value in ChannelValues(shape, count, features, c))
            {
                sum += value;
            }

            mean[c] = sum / n;
            double squares = 0;
            foreach (var value in ChannelValues(shape, count, features, c))
            {
                squares += (value - mean[c]) * (value - mean[c]);
            }

            var spread = Math.Sqrt(squares / n);
            deviation[c] = spread > 1e-12 && double.IsFinite(spread) ? spread : 1.0;
        }

        return new ChannelStatistics(mean, deviation);
    }

    private static IEnumerable<float> ChannelValues(ImageShape shape, int count, float[] features, int channel)
    {
        var plane = shape.Height * shape.Width;
        for (var i = 0; i < count; i++)
        {
            var start = ((long)i * shape.PixelsPerImage) + ((long)channel * plane);
            for (var k = 0; k < plane; k++)
            {
                yield return features[start + k];
            }
        }
    }
}
