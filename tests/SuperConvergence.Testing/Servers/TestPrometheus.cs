using System.Diagnostics;
using System.Text.Json;
using SuperConvergence.Testing.Network;
using Xunit;

namespace SuperConvergence.Testing.Servers;

/// <summary>
/// A real Prometheus server on a free loopback port, scraping the given targets every second. ./test.sh installs
/// Debian's prometheus and names it in SC_TEST_PROMETHEUS; without it the calling test is skipped with the reason.
/// </summary>
public sealed class TestPrometheus : IAsyncDisposable
{
    public const string EnvironmentVariable = "SC_TEST_PROMETHEUS";

    private readonly Process _process;
    private readonly string _directory;
    private readonly HttpClient _http;

    private TestPrometheus(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public static Task<TestPrometheus> StartAsync(string job, IEnumerable<string> targets, CancellationToken cancellationToken) =>
        StartAsync(job, [new ScrapeTargetGroup(targets.ToList(), new Dictionary<string, string>())], cancellationToken);

    /// <summary>Scrapes groups of targets, each group's series with the group's labels (as a service discovery would add them).</summary>
    public static async Task<TestPrometheus> StartAsync(string job, IReadOnlyList<ScrapeTargetGroup> groups, CancellationToken cancellationToken)
    {
        var binary = RequireBinary();
        var directory = Path.Combine(Path.GetTempPath(), $"sc-prometheus-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(
            config,
            $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: {job}
                static_configs:
            {string.Join("\n", groups.Select(StaticConfig))}
            """,
            cancellationToken);
        var port = FreePorts.Take(1)[0];
        var start = new ProcessStartInfo(binary!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory, "data")}", $"--web.listen-address=127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {binary}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var prometheus = new TestPrometheus(process, directory, port);
        await prometheus.WaitReadyAsync(cancellationToken);
        return prometheus;
    }

    /// <summary>Skips the calling test unless ./test.sh named a Prometheus binary; returns it.</summary>
    public static string RequireBinary()
    {
        var binary = Environment.GetEnvironmentVariable(EnvironmentVariable);
        Assert.SkipWhen(string.IsNullOrWhiteSpace(binary), $"needs Prometheus: {EnvironmentVariable} is not set (./test.sh installs it and sets it)");
        return binary!;
    }

    /// <summary>
    /// A range query as Grafana sends it for a panel: every series the expression returns between
    /// <paramref name="start"/> and <paramref name="end"/>, or the error Prometheus gives for it.
    /// </summary>
    public async Task<RangeQueryResult> QueryRangeAsync(string promql, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken)
    {
        var query = string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"api/v1/query_range?query={Uri.EscapeDataString(promql)}&start={start.ToUnixTimeMilliseconds() / 1000.0}&end={end.ToUnixTimeMilliseconds() / 1000.0}&step={step.TotalSeconds}");
        using var response = await _http.GetAsync(query, cancellationToken);
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var root = document.RootElement;
        if (root.GetProperty("status").GetString() != "success")
        {
            return new RangeQueryResult(0, $"{root.GetProperty("errorType").GetString()}: {root.GetProperty("error").GetString()}");
        }

        return new RangeQueryResult(root.GetProperty("data").GetProperty("result").GetArrayLength(), null);
    }

    /// <summary>The values a label has on the series a selector matches between the two times (Grafana's label_values).</summary>
    public async Task<IReadOnlyList<string>> LabelValuesAsync(string label, string selector, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var query = string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"api/v1/label/{Uri.EscapeDataString(label)}/values?match[]={Uri.EscapeDataString(selector)}&start={start.ToUnixTimeSeconds()}&end={end.ToUnixTimeSeconds() + 1}");
        using var response = await _http.GetAsync(query, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return [.. document.RootElement.GetProperty("data").EnumerateArray().Select(v => v.GetString()!)];
    }

    /// <summary>The value of an instant PromQL query's first sample, or null while it has none.</summary>
    public async Task<double?> QueryAsync(string promql, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync($"api/v1/query?query={Uri.EscapeDataString(promql)}", cancellationToken);
        response.EnsureSuccessStatusCode();
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var result = document.RootElement.GetProperty("data").GetProperty("result");
        if (result.GetArrayLength() == 0)
        {
            return null;
        }

        var value = result[0].GetProperty("value")[1].GetString();
        return double.Parse(value!, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Polls a query (Prometheus scrapes on its own clock) until the predicate holds.</summary>
    public async Task<double> WaitForAsync(string promql, Func<double, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        double? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await QueryAsync(promql, cancellationToken);
            if (last is double value && predicate(value))
            {
                return value;
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"Prometheus query {promql} stayed at {last?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no data"}");
    }

    private static string StaticConfig(ScrapeTargetGroup group)
    {
        var labels = group.Labels.Count == 0 ? "" : $"\n        labels: {{{string.Join(", ", group.Labels.Select(l => $"{l.Key}: '{l.Value}'"))}}}";
        return $"      - targets: [{string.Join(", ", group.Targets.Select(t => $"'{t}'"))}]{labels}";
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with {_process.ExitCode}");
            }

            try
            {
                using var response = await _http.GetAsync("-/ready", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException("prometheus did not become ready within 30 s");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>Targets Prometheus scrapes with the same extra labels.</summary>
public sealed record ScrapeTargetGroup(IReadOnlyList<string> Targets, IReadOnlyDictionary<string, string> Labels);

/// <summary>How many series a range query returned, or why Prometheus refused it (null when it did not).</summary>
public sealed record RangeQueryResult(int Series, string? Error);
