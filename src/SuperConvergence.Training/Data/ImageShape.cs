namespace SuperConvergence.Training.Data;

/// <summary>Channels × height × width of every image in a set.</summary>
public readonly record struct ImageShape(int Channels, int Height, int Width)
{
    public int PixelsPerImage => Channels * Height * Width;

    public override string ToString() => $"{Channels}x{Height}x{Width}";
}
