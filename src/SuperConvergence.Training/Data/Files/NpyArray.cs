namespace SuperConvergence.Training.Data.Files;

/// <summary>
/// One NumPy array as read from a .npy file (or an .npz member), in C (row-major) order: unsigned bytes stay bytes
/// (images), every other numeric type becomes float32 values. <see cref="DataType"/> is NumPy's descr, e.g. &lt;f4.
/// </summary>
public sealed record NpyArray(string Name, string DataType, IReadOnlyList<long> Dimensions, byte[]? Bytes, float[]? Values)
{
    /// <summary>The first dimension: samples (or labels) for the arrays a dataset holds; 1 for a scalar.</summary>
    public long Length => Dimensions.Count == 0 ? 1 : Dimensions[0];

    public long ElementCount => Dimensions.Aggregate(1L, (product, d) => product * d);

    public string ShapeText => $"({string.Join(", ", Dimensions)})";

    /// <summary>Element i as a double, whichever way it is stored.</summary>
    public double this[long index] => Bytes is not null ? Bytes[index] : Values![index];
}
