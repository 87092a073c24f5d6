using SuperConvergence.Testing.Files;

namespace SuperConvergence.Cli.Tests.Commands;

public sealed class DataCommandTests
{
    [Theory]
    [InlineData("bogus")]
    [InlineData("synthetic")]
    public async Task Getting_a_dataset_that_cannot_be_downloaded_is_bad_input_naming_it(string name)
    {
        var outcome = await CliRunner.RunAsync("data", "get", name);

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.Equal($"error: dataset: '{name}' is not a downloadable dataset; choose mnist, fashion-mnist or cifar10", outcome.Error.Trim());
    }

    [Fact]
    public async Task A_cache_dir_that_cannot_hold_files_is_bad_input_naming_the_flag_and_directory()
    {
        using var directory = TemporaryDirectory.Create();
        var (beneathAFile, file) = CachedFiles.BeneathAFile(directory, "cache");

        var outcome = await CliRunner.RunAsync("data", "get", "mnist", "--cache-dir", beneathAFile);

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        var error = Assert.Single(outcome.Error.Trim().Split('\n'));
        Assert.StartsWith($"error: --cache-dir: '{beneathAFile}' cannot hold datasets: ", error);
        Assert.Equal("keep me", File.ReadAllText(file));
    }

    [Fact]
    public async Task Listing_shows_hand_placed_files_as_cached_and_the_rest_with_the_command_that_fetches_them()
    {
        using var cache = TemporaryDirectory.Create();
        CachedFiles.WriteMnist(cache);

        var outcome = await CliRunner.RunAsync("data", "list", "--cache-dir", cache.Path);

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        Assert.Contains($"cache: {cache.Path}", outcome.Out);
        Assert.Matches(@"mnist\s+cached in .*placed by hand", outcome.Out);
        Assert.Matches(@"fashion-mnist\s+not cached \(sc data get fashion-mnist\)", outcome.Out);
        Assert.Matches(@"cifar10\s+not cached \(sc data get cifar10\)", outcome.Out);
    }
}
