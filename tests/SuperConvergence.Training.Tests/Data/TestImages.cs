using SuperConvergence.Training.Data;

namespace SuperConvergence.Training.Tests.Data;

/// <summary>Small image sets whose every byte is predictable, for reader and split tests.</summary>
internal static class TestImages
{
    /// <summary>Image i has label i % classes and pixel p equal to (i·7 + p) mod 256.</summary>
    public static LabelledImages Patterned(int count, ImageShape shape, int classCount = 10)
    {
        var size = shape.PixelsPerImage;
        var pixels = new byte[count * size];
        for (var i = 0; i < count; i++)
        {
            for (var p = 0; p < size; p++)
            {
                pixels[(i * size) + p] = (byte)(((i * 7) + p) % 256);
            }
        }

        var labels = Enumerable.Range(0, count).Select(i => (byte)(i % classCount)).ToArray();
        return new LabelledImages(shape, classCount, pixels, labels);
    }
}
