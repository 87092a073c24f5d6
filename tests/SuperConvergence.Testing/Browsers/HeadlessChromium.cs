using System.Diagnostics;
using SuperConvergence.Testing.Files;
using Xunit;

namespace SuperConvergence.Testing.Browsers;

/// <summary>
/// Debian's Chromium, headless: loads a page, lets its scripts run, and hands back the DOM they left. ./test.sh installs
/// it and names it in SC_TEST_CHROMIUM; without it the calling test is skipped with the reason.
/// </summary>
public static class HeadlessChromium
{
    public const string EnvironmentVariable = "SC_TEST_CHROMIUM";

    public static string RequireBinary()
    {
        var binary = Environment.GetEnvironmentVariable(EnvironmentVariable);
        Assert.SkipWhen(string.IsNullOrWhiteSpace(binary), $"needs Chromium: {EnvironmentVariable} is not set (./test.sh installs it and sets it)");
        return binary!;
    }

    /// <summary>
    /// The page's DOM once its scripts have run for <paramref name="scriptTime"/> of the browser's virtual time (which
    /// it advances as soon as nothing is pending, so a page that settles sooner returns sooner).
    /// </summary>
    public static async Task<string> DumpDomAsync(Uri page, TimeSpan scriptTime, CancellationToken cancellationToken)
    {
        var binary = RequireBinary();
        using var profile = new TemporaryDirectory("sc-chromium");
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            $"--user-data-dir={profile.Path}", $"--virtual-time-budget={(int)scriptTime.TotalMilliseconds}", "--dump-dom", page.ToString(),
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {binary}");
        var dom = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"chromium did not finish loading {page} within 2 minutes");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"chromium exited with {process.ExitCode}: {await errors}");
        }

        return await dom;
    }
}
