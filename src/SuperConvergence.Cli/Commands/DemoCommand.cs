namespace SuperConvergence.Cli.Commands;

/// <summary>
/// `sc demo`: the product's main job with nothing to configure — fetch Fashion-MNIST, then run a real super-convergence
/// sweep with TorchSharp on an embedded cluster (examples/demo.yaml), live, ending with the best configurations and the
/// best one beside the conventional step schedule trained for the same epochs.
/// </summary>
public static class DemoCommand
{
    public const string SpecResource = "demo.yaml";

    public static Command Create(CliConsole console)
    {
        var command = new Command("demo", "Run a real super-convergence sweep on Fashion-MNIST on this machine (under 10 minutes on 2 cores): range tests, adaptive narrowing of the max LR, 1cycle trials, the best configurations, and the best one beside the conventional step schedule trained for the same epochs.\n\nData and the embedded cluster's database live in $SC_DATA (default ~/.cache/superconvergence).\n\nExamples:\n  sc demo\n  sc demo --format json > demo-status.json");
        var format = OutputFormats.Option(OutputFormat.Table, OutputFormat.Json);
        command.Options.Add(format);
        command.SetAction(async (parse, ct) =>
        {
            var spec = SpecFile.FromText("examples/demo.yaml", ReadSpec());
            console.Error.WriteLine($"demo: {spec.Spec.Model} on {spec.Spec.Dataset} ({spec.Spec.Data?.TrainImages} training images), {spec.Spec.Strategy.ToString().ToLowerInvariant()} search with range tests; fetching the data first");
            var fetched = await CliApp.RunAsync(["data", "get", spec.Spec.Dataset], console with { Out = console.Error });
            if (fetched != ExitCodes.Ok)
            {
                return fetched;
            }

            return await EmbeddedSweepRunner.RunAsync(
                console, spec, OutputFormats.Parse(parse.GetValue(format)!), dataDirectory: null, ct, ConventionalComparison.RunAsync);
        });
        return command;
    }

    private static string ReadSpec()
    {
        using var stream = typeof(DemoCommand).Assembly.GetManifestResourceStream(SpecResource)
            ?? throw new InvalidOperationException($"the demo spec {SpecResource} is not embedded in sc");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
