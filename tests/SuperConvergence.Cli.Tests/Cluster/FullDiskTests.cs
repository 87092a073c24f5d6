using System.Diagnostics;
using System.Text.Json;
using SuperConvergence.Testing.Files;

namespace SuperConvergence.Cli.Tests.Cluster;

/// <summary>
/// The checkpoint store's disk is full for the whole sweep: an embedded `sc sweep run` whose DATA/checkpoints is a
/// tmpfs filled to the last byte. Checkpoints cannot be saved, but training is not the problem: every trial completes
/// and every epoch is recorded exactly once, each skipped checkpoint said on stderr.
/// </summary>
public sealed class FullDiskTests
{
    private const string Spec = """
        name: full-disk
        dataset: synthetic
        model: mlp
        trainer: {kind: simulated, epochSeconds: 0.4}
        searchSpace:
          maxLr: {min: 0.05, max: 2}
          weightDecay: [0.0001]
          batchSize: [128]
          cycleEpochs: [6]
        strategy: random
        budget: {trialEpochs: 24, maxTrials: 4}
        maxConcurrentTrials: 2
        seed: 5
        """;

    [Fact]
    public async Task A_full_checkpoint_disk_fails_no_trial_and_loses_no_epoch()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root to mount a small tmpfs as the full disk");
        var ct = TestContext.Current.CancellationToken;
        using var data = new TemporaryDirectory("sc-full-disk");
        var checkpoints = data.File("checkpoints");
        Directory.CreateDirectory(checkpoints);
        var mount = await RunAsync("mount", ["-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", checkpoints], ct);
        Assert.SkipUnless(mount.ExitCode == 0, $"cannot mount a tmpfs here: {mount.Error}");
        try
        {
            Fill(checkpoints);
            var specFile = data.File("full-disk.yaml");
            await File.WriteAllTextAsync(specFile, Spec, ct);
            var environment = new Dictionary<string, string> { ["NO_COLOR"] = "1" };

            var run = await ScProcess.RunAsync(environment, ct, "sweep", "run", specFile, "--data-dir", data.Path, "--format", "json");

            Assert.True(run.ExitCode == 0, run.AllOutput);
            var status = JsonDocument.Parse(run.StandardOutput).RootElement;
            Assert.Equal("completed", status.GetProperty("state").GetString());
            var trials = status.GetProperty("trials").EnumerateArray().ToList();
            Assert.Equal(4, trials.Count);
            foreach (var trial in trials)
            {
                Assert.Equal("completed", trial.GetProperty("state").GetString());
                var show = await ScProcess.RunAsync(environment, ct, "trial", "show", trial.GetProperty("trialId").GetString()!, "--data-dir", data.Path, "--format", "json");
                Assert.True(show.ExitCode == 0, show.AllOutput);
                var epochs = JsonDocument.Parse(show.StandardOutput).RootElement.GetProperty("epochs").EnumerateArray().Select(e => e.GetProperty("epoch").GetInt32());
                Assert.Equal([1, 2, 3, 4, 5, 6], epochs);
            }

            Assert.Contains("could not be saved", run.AllOutput);
            Assert.Equal(24, status.GetProperty("trialEpochsUsed").GetInt32());
        }
        finally
        {
            var unmount = await RunAsync("umount", [checkpoints], CancellationToken.None);
            Assert.True(unmount.ExitCode == 0, unmount.Error);
        }
    }

    /// <summary>
    /// Writes one file until the file system has no byte left; stops (and fails) after 1 MB, so that a mount that did
    /// not take effect can never fill the machine's own disk.
    /// </summary>
    private static void Fill(string directory)
    {
        using var file = File.Create(Path.Combine(directory, "filler"));
        var block = new byte[4096];
        for (var written = 0; written < 1 << 20; written += block.Length)
        {
            try
            {
                file.Write(block);
                file.Flush();
            }
            catch (IOException)
            {
                return; // Full.
            }
        }

        Assert.Fail($"{directory} took 1 MB without filling up: not the small tmpfs this test mounted");
    }

    private static async Task<(int ExitCode, string Error)> RunAsync(string program, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, $"{program} {string.Join(' ', arguments)}: {error}");
    }
}
