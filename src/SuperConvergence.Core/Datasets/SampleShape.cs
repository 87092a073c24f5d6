namespace SuperConvergence.Core.Datasets;

/// <summary>
/// The shape every sample of a dataset has once read: channels × height × width. Tabular features are F channels of
/// 1×1, so per-channel normalisation is per-feature normalisation and an MLP sees F inputs.
/// </summary>
public readonly record struct SampleShape(int Channels, int Height, int Width)
{
    public long Elements => (long)Channels * Height * Width;

    /// <summary>True for tabular features (1×1 per channel): convolutional models have nothing to convolve.</summary>
    public bool IsFeatureVector => Height == 1 && Width == 1;

    /// <summary>[F] is F features, [H, W] one channel of H×W, [C, H, W] as written.</summary>
    public static SampleShape FromDimensions(IReadOnlyList<int> dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        return dimensions.Count switch
        {
            1 => new SampleShape(dimensions[0], 1, 1),
            2 => new SampleShape(1, dimensions[0], dimensions[1]),
            3 => new SampleShape(dimensions[0], dimensions[1], dimensions[2]),
            _ => throw new ArgumentException($"a sample shape has 1, 2 or 3 dimensions, got {dimensions.Count}", nameof(dimensions)),
        };
    }

    /// <summary>The text form used in dataset references and messages: 3x32x32.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Channels}x{Height}x{Width}");

    public static bool TryParse(string text, out SampleShape shape)
    {
        shape = default;
        var parts = (text ?? "").Split('x', ',');
        var dimensions = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            dimensions.Add(value);
        }

        if (dimensions.Count is < 1 or > 3)
        {
            return false;
        }

        shape = FromDimensions(dimensions);
        return true;
    }
}
