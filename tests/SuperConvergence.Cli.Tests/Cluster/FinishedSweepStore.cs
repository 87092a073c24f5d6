using System.Text.Json;
using SuperConvergence.Testing.Files;

namespace SuperConvergence.Cli.Tests.Cluster;

/// <summary>
/// A data directory that `sc sweep run examples/simulated-quick.yaml --format json` has run a sweep to its end in and
/// left, with nothing running: what the query commands read with --data-dir.
/// </summary>
public sealed class FinishedSweepStore : IAsyncLifetime
{
    private readonly TemporaryDirectory _data = new("sc-store");

    public string DataDirectory => _data.Path;

    public string SweepId { get; private set; } = "";

    /// <summary>The run's stdout: its final status JSON.</summary>
    public string RunOutput { get; private set; } = "";

    /// <summary>What the run said on stderr.</summary>
    public string RunError { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var spec = Path.Combine(Repository.Root(), "examples", "simulated-quick.yaml");
        var run = await CliRunner.RunAsync("sweep", "run", spec, "--format", "json", "--data-dir", _data.Path);
        if (run.ExitCode != ExitCodes.Ok)
        {
            throw new InvalidOperationException($"sc sweep run failed ({run.ExitCode}): {run.Error}");
        }

        (RunOutput, RunError) = (run.Out, run.Error);
        SweepId = JsonDocument.Parse(run.Out).RootElement.GetProperty("sweepId").GetString()!;
    }

    public ValueTask DisposeAsync()
    {
        _data.Dispose();
        return ValueTask.CompletedTask;
    }
}
