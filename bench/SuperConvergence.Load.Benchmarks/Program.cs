using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using SuperConvergence.Abstractions.Grains;
using SuperConvergence.Cli.Cluster;

// Query load on a running sweep (docs/benchmarks.md, "Load"): CLIENTS Orleans clients, each with its own connection
// to the gateway, ask the coordinator in turn for the best ten configurations (`sc sweep best`) and for one status page
// (`sc sweep status`) as fast as answers come, for SECONDS; prints each query's count, failures and latency
// percentiles as JSON. The clients live in one process: fifty `sc` processes would spend the two cores of this
// machine starting .NET, not asking.
//   dotnet run -c Release --project bench/SuperConvergence.Load.Benchmarks -- GATEWAY SWEEP_ID [CLIENTS 50] [SECONDS 60]
var gateway = IPEndPoint.Parse(args[0]);
var sweepId = args[1];
var clients = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50;
var seconds = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 60;

var connections = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => ClusterConnection.OpenAsync(new ClusterTarget(null, gateway), CancellationToken.None)));
var best = new List<double>();
var status = new List<double>();
var failures = new List<string>();
var deadline = Stopwatch.StartNew();
await Task.WhenAll(connections.Select(async connection =>
{
    var sweep = connection.Client.GetGrain<ISweepGrain>(sweepId);
    var asks = 0;
    while (deadline.Elapsed.TotalSeconds < seconds)
    {
        var isBest = asks++ % 2 == 0;
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (isBest)
            {
                await sweep.GetBest(10);
            }
            else
            {
                await sweep.GetStatus(0, 100);
            }

            var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            lock (failures)
            {
                (isBest ? best : status).Add(milliseconds);
            }
        }
        catch (Exception e)
        {
            lock (failures)
            {
                failures.Add($"{e.GetType().Name}: {e.Message}");
            }
        }
    }
}));
var elapsed = deadline.Elapsed.TotalSeconds;
foreach (var connection in connections)
{
    await connection.DisposeAsync();
}

Console.WriteLine(JsonSerializer.Serialize(new
{
    clients,
    seconds = Math.Round(elapsed, 1),
    best = Summary(best),
    status = Summary(status),
    failures = failures.Count,
    firstFailures = failures.Distinct().Take(5).ToArray(),
}, new JsonSerializerOptions { WriteIndented = true }));
return failures.Count == 0 ? 0 : 1;

object Summary(List<double> latencies)
{
    latencies.Sort();
    double At(double q) => latencies.Count == 0 ? double.NaN : Math.Round(latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)], 2);
    return new { queries = latencies.Count, perSecond = Math.Round(latencies.Count / elapsed, 1), p50Ms = At(0.50), p95Ms = At(0.95), p99Ms = At(0.99), maxMs = At(1.0) };
}
