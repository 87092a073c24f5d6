using System.Diagnostics;
using System.Globalization;
using SuperConvergence.Core.Trials;
using SuperConvergence.Core.Trials.Simulated;

// The floor under the cluster benchmarks (docs/benchmarks.md, result throughput): the simulated trainer alone — the
// same trials, epochs and epoch length as bench/cluster/throughput.yaml, no cluster, no reports — against plain
// Task.Delay loops. What the cluster benchmark measures above the trainer's own wall time is the cluster's.
//   dotnet run -c Release --project bench/SuperConvergence.Cluster.Benchmarks -- [TRIALS 96] [EPOCHS 1000] [SECONDS 0.1]
var trials = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 96;
var epochs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
var seconds = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 0.1;
var epoch = TimeSpan.FromSeconds(seconds);
var minimum = epochs * seconds;

var clock = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, trials).Select(async _ =>
{
    for (var e = 0; e < epochs; e++)
    {
        await Task.Delay(epoch);
    }
}));
Report("Task.Delay loops", clock.Elapsed.TotalSeconds);

var trainer = new SimulatedTrainer(new SimulatedTrainerOptions { EpochDuration = epoch });
clock.Restart();
await Task.WhenAll(Enumerable.Range(0, trials).Select(i => trainer.TrainAsync(
    new TrialConfig("synthetic", "simulated", 0.01, 25, 1e4, 1e-4, 128, epochs, 0.85, 0.95, i), null, new Ignore(), CancellationToken.None)));
Report("simulated trainer", clock.Elapsed.TotalSeconds);

void Report(string what, double wall) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{what}: {trials} at once × {epochs} epochs of {seconds} s: {wall:F3} s against {minimum} s, {(wall / minimum - 1) * 100:+0.00;-0.00} %"));

internal sealed class Ignore : ITrainingObserver
{
    public ValueTask OnEpochCompletedAsync(EpochMetrics metrics, TrainingCheckpoint checkpoint, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
