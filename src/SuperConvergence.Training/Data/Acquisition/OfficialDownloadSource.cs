namespace SuperConvergence.Training.Data.Acquisition;

/// <summary>
/// Downloads a dataset's files from where its authors publish them, verifying each file's size and MD5 before
/// it takes its final name: a half-finished or tampered download never lands in the cache.
/// </summary>
public sealed class OfficialDownloadSource(string dataset, IReadOnlyList<DownloadableFile> files, HttpClient http) : IDatasetSource
{
    public string Description => $"download from {string.Join(", ", files.Select(f => f.Url.GetLeftPart(UriPartial.Authority)).Distinct())}";

    public string? ManualLocation => string.Join(", ", files.Select(f => f.Url));

    public async Task<DatasetProvenance> FetchAsync(string datasetDirectory, IProgress<string> progress, CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            var target = Path.Combine(datasetDirectory, file.SaveAs);
            var partial = target + ".partial";
            progress.Report($"  {file.Url} ({file.Size:N0} bytes)");
            try
            {
                await DownloadAsync(file, partial, cancellationToken);
                Verify(file, partial);
                File.Move(partial, target, overwrite: true);
            }
            finally
            {
                File.Delete(partial);
            }

            if (file.ExtractArchive)
            {
                TarGzArchive.ExtractRegularFiles(target, datasetDirectory);
                File.Delete(target);
            }
        }

        return new DatasetProvenance(dataset, Description, OfficialSplit: true, "official files, size and MD5 verified", DateTimeOffset.UtcNow);
    }

    private async Task DownloadAsync(DownloadableFile file, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(file.Url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new DatasetSourceException($"{file.Url} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var output = File.Create(path);
        await body.CopyToAsync(output, cancellationToken);
    }

    private static void Verify(DownloadableFile file, string path)
    {
        var size = new FileInfo(path).Length;
        if (size != file.Size)
        {
            throw new DatasetSourceException($"{file.Url} delivered {size:N0} bytes, expected {file.Size:N0}");
        }

        using var stream = File.OpenRead(path);
        var md5 = Convert.ToHexStringLower(MD5.HashData(stream));
        if (!string.Equals(md5, file.Md5, StringComparison.OrdinalIgnoreCase))
        {
            throw new DatasetSourceException($"{file.Url} has MD5 {md5}, expected {file.Md5}");
        }
    }
}
