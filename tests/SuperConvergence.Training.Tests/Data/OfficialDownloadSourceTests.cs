using System.Net;
using System.Security.Cryptography;
using SuperConvergence.Testing.Files;
using SuperConvergence.Training.Data.Acquisition;

namespace SuperConvergence.Training.Tests.Data;

public sealed class OfficialDownloadSourceTests
{
    private static readonly byte[] Content = [.. Enumerable.Range(0, 1000).Select(i => (byte)(i % 251))];
    private static readonly Uri Url = new("https://datasets.example/labels.gz");

    [Fact]
    public async Task A_file_with_the_published_size_and_md5_lands_under_its_final_name()
    {
        using var directory = TemporaryDirectory.Create();
        var file = new DownloadableFile(Url, "labels.gz", Content.Length, Md5(Content));

        var provenance = await Fetch(directory, file, HttpStatusCode.OK, Content);

        Assert.Equal(Content, File.ReadAllBytes(Path.Combine(directory.Path, "labels.gz")));
        Assert.True(provenance.OfficialSplit);
        Assert.Single(Directory.GetFiles(directory.Path));
    }

    [Fact]
    public async Task A_checksum_mismatch_is_refused_and_leaves_no_file()
    {
        using var directory = TemporaryDirectory.Create();
        var file = new DownloadableFile(Url, "labels.gz", Content.Length, new string('a', 32));

        var error = await Assert.ThrowsAsync<DatasetSourceException>(() => Fetch(directory, file, HttpStatusCode.OK, Content));

        Assert.Contains($"has MD5 {Md5(Content)}, expected aaaa", error.Message);
        Assert.Empty(Directory.GetFiles(directory.Path));
    }

    [Fact]
    public async Task A_short_download_is_refused_by_its_size()
    {
        using var directory = TemporaryDirectory.Create();
        var file = new DownloadableFile(Url, "labels.gz", Content.Length, Md5(Content));

        var error = await Assert.ThrowsAsync<DatasetSourceException>(() => Fetch(directory, file, HttpStatusCode.OK, Content[..600]));

        Assert.Contains("delivered 600 bytes, expected 1,000", error.Message);
        Assert.Empty(Directory.GetFiles(directory.Path));
    }

    [Fact]
    public async Task An_http_error_status_is_reported_with_the_url()
    {
        using var directory = TemporaryDirectory.Create();
        var file = new DownloadableFile(Url, "labels.gz", Content.Length, Md5(Content));

        var error = await Assert.ThrowsAsync<DatasetSourceException>(() => Fetch(directory, file, HttpStatusCode.Forbidden, []));

        Assert.Equal($"{Url} answered HTTP 403 Forbidden", error.Message);
    }

    private static async Task<DatasetProvenance> Fetch(TemporaryDirectory directory, DownloadableFile file, HttpStatusCode status, byte[] body)
    {
        using var http = new HttpClient(new FixedResponse(status, body));
        var source = new OfficialDownloadSource("mnist", [file], http);
        return await source.FetchAsync(directory.Path, new Progress<string>(), TestContext.Current.CancellationToken);
    }

    private static string Md5(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));

    private sealed class FixedResponse(HttpStatusCode status, byte[] body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new ByteArrayContent(body) });
    }
}
