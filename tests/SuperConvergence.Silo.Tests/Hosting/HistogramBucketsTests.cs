using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SuperConvergence.Abstractions.Grains;
using SuperConvergence.Abstractions.Sweeps;
using SuperConvergence.Grains.Telemetry;
using SuperConvergence.Silo.Hosting;
using SuperConvergence.Silo.Tests.Support;

namespace SuperConvergence.Silo.Tests.Hosting;

/// <summary>
/// One embedded silo that has run a quick simulated sweep and recorded typical accuracies; its /metrics scrape is
/// what the histogram tests read.
/// </summary>
public sealed class ScrapedSilo : IAsyncLifetime
{
    private EmbeddedSilo? _silo;

    // An instrument of Orleans' meter, so the silo's view applies to it as to Orleans' own latencies; kept until the
    // scrape is taken.
    private readonly Meter _orleansMeter = new(SiloMetrics.OrleansMeterName);

    /// <summary>Accuracies as trained models report them.</summary>
    public static readonly double[] TypicalAccuracies = [0.11, 0.45, 0.78, 0.87, 0.91, 0.93, 0.95];

    /// <summary>
    /// Latencies as calls inside one silo take them, mostly under a millisecond. Recorded with these values rather than
    /// read from the sweep's own calls: how fast those are depends on the machine (on a fast one every directory
    /// registration takes under 0.1 ms and lands in one bucket whatever the boundaries).
    /// </summary>
    public static readonly double[] TypicalLatencies = [0.05, 0.2, 0.4, 0.8, 3];

    public const string LatencyFamily = "orleans_test_call_latency_milliseconds";

    public string Scrape { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _silo = await EmbeddedSilo.StartAsync();
        var metrics = _silo.App.Services.GetRequiredService<SweepMetrics>();
        foreach (var accuracy in TypicalAccuracies)
        {
            metrics.AccuracyRecorded(accuracy);
        }

        var latency = _orleansMeter.CreateHistogram<double>("orleans-test-call-latency", "ms");
        foreach (var value in TypicalLatencies)
        {
            latency.Record(value);
        }

        var sweep = _silo.Grains.GetGrain<ISweepGrain>("buckets1");
        await sweep.Start(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "examples", "simulated-quick.yaml"), ct));
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while ((await sweep.GetStatus(0, 0)).State == SweepState.Running && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, ct);
        }

        // The exporter answers from a cached scrape for a moment; wait for one taken after the sweep.
        await Task.Delay(500, ct);
        Scrape = await _silo.Http.GetStringAsync("metrics", ct);
    }

    public async ValueTask DisposeAsync()
    {
        _orleansMeter.Dispose();
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}

public sealed class HistogramBucketsTests(ScrapedSilo silo) : IClassFixture<ScrapedSilo>
{
    /// <summary>OpenTelemetry's default boundaries, meant for milliseconds of HTTP requests.</summary>
    private static readonly double[] OpenTelemetryDefaults = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    [Fact]
    public void Every_histogram_on_the_scrape_has_explicit_buckets_not_the_defaults()
    {
        var families = HistogramFamilies(silo.Scrape);

        Assert.Contains("sc_trial_accuracy", families);
        Assert.All(families, family => Assert.NotEqual(OpenTelemetryDefaults, Boundaries(silo.Scrape, family)));
    }

    [Fact]
    public void Trial_accuracy_has_its_buckets_in_0_1_and_typical_accuracies_land_in_several()
    {
        Assert.Equal(SweepMetrics.AccuracyBuckets, Boundaries(silo.Scrape, "sc_trial_accuracy"));
        Assert.True(OccupiedBuckets(silo.Scrape, "sc_trial_accuracy") >= 5, Lines(silo.Scrape, "sc_trial_accuracy"));
    }

    [Theory]
    [InlineData("orleans_app_requests_latency_milliseconds")]
    [InlineData("orleans_catalog_activation_latency_milliseconds")]
    [InlineData("orleans_catalog_deactivation_latency_milliseconds")]
    [InlineData("orleans_directory_registration_duration_milliseconds")]
    [InlineData("orleans_storage_read_latency_milliseconds")]
    [InlineData("orleans_storage_write_latency_milliseconds")]
    public void Orleans_latencies_have_millisecond_buckets_down_to_a_tenth(string family)
    {
        Assert.Contains(family, HistogramFamilies(silo.Scrape));
        Assert.Equal(SiloMetrics.MillisecondBuckets, Boundaries(silo.Scrape, family));
    }

    [Fact]
    public void Sub_millisecond_latencies_land_in_several_buckets()
    {
        // Calls inside one silo take fractions of a millisecond: the default buckets put every one of them in the first
        // bucket (le 5); Orleans' millisecond view separates them.
        Assert.Equal(SiloMetrics.MillisecondBuckets, Boundaries(silo.Scrape, ScrapedSilo.LatencyFamily));
        Assert.True(OccupiedBuckets(silo.Scrape, ScrapedSilo.LatencyFamily) >= 4, Lines(silo.Scrape, ScrapedSilo.LatencyFamily));
    }

    private static string Lines(string scrape, string family) =>
        string.Join('\n', scrape.Split('\n').Where(line => line.StartsWith(family, StringComparison.Ordinal)));

    private static List<string> HistogramFamilies(string scrape) =>
        [.. scrape.Split('\n')
            .Where(line => line.StartsWith("# TYPE ", StringComparison.Ordinal) && line.EndsWith(" histogram", StringComparison.Ordinal))
            .Select(line => line.Split(' ')[2])];

    private static IEnumerable<string[]> Buckets(string scrape, string family) =>
        scrape.Split('\n')
            .Where(line => line.StartsWith(family + "_bucket{", StringComparison.Ordinal))
            .Select(line => new[] { line[(line.IndexOf("le=\"", StringComparison.Ordinal) + 4)..line.IndexOf("\"}", StringComparison.Ordinal)], line[(line.LastIndexOf(' ') + 1)..] });

    /// <summary>The finite `le` boundaries of the family's first series, in order.</summary>
    private static double[] Boundaries(string scrape, string family)
    {
        var series = Buckets(scrape, family).ToList();
        Assert.NotEmpty(series);
        var all = series.Select(b => b[0]).TakeWhile(le => le != "+Inf").Select(le => double.Parse(le, CultureInfo.InvariantCulture)).ToArray();
        return all;
    }

    /// <summary>How many buckets of the family (all series summed) got a value: the cumulative count rises there.</summary>
    private static int OccupiedBuckets(string scrape, string family)
    {
        var cumulative = Buckets(scrape, family)
            .GroupBy(b => b[0])
            .Select(g => (Le: g.Key == "+Inf" ? double.PositiveInfinity : double.Parse(g.Key, CultureInfo.InvariantCulture), Count: g.Sum(b => double.Parse(b[1], CultureInfo.InvariantCulture))))
            .OrderBy(b => b.Le)
            .Select(b => b.Count)
            .ToList();
        return cumulative.Select((count, i) => count - (i == 0 ? 0 : cumulative[i - 1])).Count(delta => delta > 0);
    }
}
