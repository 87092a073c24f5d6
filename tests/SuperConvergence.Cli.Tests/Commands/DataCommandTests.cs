using SuperConvergence.Testing.Files;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Data.Formats;

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
    public async Task Listing_shows_hand_placed_files_as_cached_and_the_rest_with_the_command_that_fetches_them()
    {
        using var cache = TemporaryDirectory.Create();
        IdxFile.Write(cache.File("mnist/" + IdxDatasetDefinition.TrainImages), new IdxArray([1, 28, 28], new byte[784]));
        IdxFile.Write(cache.File("mnist/" + IdxDatasetDefinition.TrainLabels), new IdxArray([1], [3]));
        IdxFile.Write(cache.File("mnist/" + IdxDatasetDefinition.TestImages), new IdxArray([1, 28, 28], new byte[784]));
        IdxFile.Write(cache.File("mnist/" + IdxDatasetDefinition.TestLabels), new IdxArray([1], [4]));

        var outcome = await CliRunner.RunAsync("data", "list", "--cache-dir", cache.Path);

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        Assert.Contains($"cache: {cache.Path}", outcome.Out);
        Assert.Matches(@"mnist\s+cached in .*placed by hand", outcome.Out);
        Assert.Matches(@"fashion-mnist\s+not cached \(sc data get fashion-mnist\)", outcome.Out);
        Assert.Matches(@"cifar10\s+not cached \(sc data get cifar10\)", outcome.Out);
    }
}
