using System.Text.Json;
using System.Text.RegularExpressions;
using SuperConvergence.Testing.Files;

namespace SuperConvergence.Cli.Tests.Cluster;

/// <summary>
/// An embedded `sc sweep run` killed mid-sweep leaves its sweep unfinished. The next run on the same data directory
/// must not resume it silently: it is interrupted, named with the command that continues it, and left alone; only
/// `--resume ID` continues it, from its trials' checkpoints, to the end.
/// </summary>
public sealed partial class InterruptedSweepTests
{
    private const string SlowSpec = """
        name: slow
        dataset: synthetic
        model: mlp
        trainer: {kind: simulated, epochSeconds: 1}
        searchSpace:
          maxLr: {min: 0.05, max: 2}
          weightDecay: [0.0001]
          batchSize: [128]
          cycleEpochs: [2]
        strategy: random
        budget: {trialEpochs: 24, maxTrials: 12}
        maxConcurrentTrials: 2
        seed: 3
        """;

    [Fact]
    public async Task A_killed_sweep_is_left_alone_by_the_next_run_and_resumed_only_on_purpose()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TemporaryDirectory("sc-interrupted");
        var store = data.File("store");
        var slow = data.File("slow.yaml");
        var quick = data.File("quick.yaml");
        await File.WriteAllTextAsync(slow, SlowSpec, ct);
        await File.WriteAllTextAsync(quick, SlowSpec.Replace("name: slow", "name: quick").Replace("epochSeconds: 1", "epochSeconds: 0.05").Replace("maxTrials: 12", "maxTrials: 2"), ct);
        var environment = new Dictionary<string, string> { ["NO_COLOR"] = "1" };

        // Kill the first run (SIGKILL: nothing of its shutdown runs) once two of its trials are done.
        string slowId;
        await using (var first = ScProcess.Start("slow", environment, "sweep", "run", slow, "--data-dir", store))
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (!Completed().IsMatch(first.Output) || int.Parse(Completed().Matches(first.Output)[^1].Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) < 2)
            {
                Assert.False(first.HasExited, first.Output);
                Assert.True(DateTime.UtcNow < deadline, first.Output);
                await Task.Delay(100, ct);
            }

            first.Kill();
            slowId = SweepId().Match(first.Output).Groups[1].Value;
        }

        var other = await ScProcess.RunAsync(environment, ct, "sweep", "run", quick, "--data-dir", store, "--format", "json");
        var again = await ScProcess.RunAsync(environment, ct, "sweep", "run", quick, "--data-dir", store, "--format", "json");
        var resumed = await ScProcess.RunAsync(environment, ct, "sweep", "run", slow, "--data-dir", store, "--resume", slowId, "--format", "json");
        var twice = await ScProcess.RunAsync(environment, ct, "sweep", "run", slow, "--data-dir", store, "--resume", slowId);
        var unknown = await ScProcess.RunAsync(environment, ct, "sweep", "run", slow, "--data-dir", store, "--resume", "slow-19990101-000000-0000");

        Assert.Equal(0, other.ExitCode);
        var leftAlone = Interrupted().Match(other.AllOutput);
        Assert.True(leftAlone.Success, other.AllOutput);
        Assert.Equal(slowId, leftAlone.Groups["id"].Value);
        Assert.Contains($"left alone. To continue it: sc sweep run SPEC --resume {slowId}, SPEC being its spec (name 'slow')", other.AllOutput);
        Assert.Equal("completed", JsonDocument.Parse(other.StandardOutput).RootElement.GetProperty("state").GetString());
        Assert.DoesNotContain("fail:", other.AllOutput);

        // Nothing of it ran meanwhile: the next run finds it exactly as the first left it, and so does the resume.
        var finished = leftAlone.Groups["finished"].Value;
        Assert.Contains($"was interrupted with {finished} of ", again.AllOutput);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains($"sweep {slowId}: resumed on purpose with {finished} of ", resumed.AllOutput);

        var status = JsonDocument.Parse(resumed.StandardOutput).RootElement;
        Assert.Equal(slowId, status.GetProperty("sweepId").GetString());
        Assert.Equal("completed", status.GetProperty("state").GetString());
        Assert.Equal(12, status.GetProperty("totalTrials").GetInt32());
        Assert.Equal(12, status.GetProperty("counts").GetProperty("completed").GetInt32());

        Assert.Equal(ExitCodes.BadInput, twice.ExitCode);
        Assert.Contains($"error: --resume: '{slowId}' has already ended (completed); nothing to resume", twice.AllOutput);
        Assert.Equal(ExitCodes.BadInput, unknown.ExitCode);
        Assert.Contains("error: --resume: 'slow-19990101-000000-0000' is not a sweep of this data directory", unknown.AllOutput);
    }

    [GeneratedRegex(@"completed=(\d+)")]
    private static partial Regex Completed();

    [GeneratedRegex(@"sweep (slow-[0-9a-f-]+): random search")]
    private static partial Regex SweepId();

    [GeneratedRegex(@"sweep (?<id>slow-[0-9a-f-]+) \(slow, started [^)]+\) was interrupted with (?<finished>\d+) of (?<total>\d+) trials finished")]
    private static partial Regex Interrupted();
}
