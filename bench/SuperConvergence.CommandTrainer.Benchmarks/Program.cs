using System.Diagnostics;
using System.Globalization;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials;
using SuperConvergence.Core.Trials.Command;
using SuperConvergence.Training.Command;

// The command trainer's own cost per epoch report (docs/benchmarks.md): a child program that reports its epochs at
// once (tests/SuperConvergence.CommandTrainerProgram, four optimizer steps per epoch, a checkpoint file per epoch) run
// through the trainer, against the same program run alone with its stdout discarded. The slope between a 1-epoch and
// an N-epoch run takes the program's start out; what the trainer adds per epoch is the difference of the two slopes:
// reading and checking the line, packing the checkpoint directory, deleting it, handing both to the observer.
//   dotnet run -c Release --project bench/SuperConvergence.CommandTrainer.Benchmarks -- [EPOCHS 2000] [ROUNDS 5]
var epochs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var program = Path.Combine(AppContext.BaseDirectory, "SuperConvergence.CommandTrainerProgram.dll");
var work = Directory.CreateTempSubdirectory("sc-command-bench-");
try
{
    var (throughOne, throughMany, aloneOne, aloneMany) = (double.MaxValue, double.MaxValue, double.MaxValue, double.MaxValue);
    for (var round = 1; round <= rounds; round++)
    {
        // Alternating, and the best of the rounds: load from elsewhere on a shared machine hits both alike.
        throughOne = Math.Min(throughOne, await ThroughTrainerAsync(1));
        throughMany = Math.Min(throughMany, await ThroughTrainerAsync(epochs));
        aloneOne = Math.Min(aloneOne, await AloneAsync(1));
        aloneMany = Math.Min(aloneMany, await AloneAsync(epochs));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"round {round}: through the trainer 1 epoch {throughOne:F3} s, {epochs} epochs {throughMany:F3} s; alone {aloneOne:F3} s, {aloneMany:F3} s (best so far)"));
    }

    var through = (throughMany - throughOne) / (epochs - 1);
    var alone = (aloneMany - aloneOne) / (epochs - 1);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"per epoch: {through * 1e6:F1} µs through the trainer, {alone * 1e6:F1} µs the program alone: the trainer adds {(through - alone) * 1e6:F1} µs per epoch report; a program's start costs {throughOne:F3} s through the trainer, {aloneOne:F3} s alone"));
}
finally
{
    work.Delete(recursive: true);
}

async Task<double> ThroughTrainerAsync(int cycleEpochs)
{
    var trainer = new CommandTrainer(
        new CommandTrainerSpec(["dotnet", program], StepsPerEpoch: 4, TimeSpan.FromMinutes(5)),
        new TrialRun("bench", "bench-000001", 1),
        new CommandTrainerOptions(work.FullName));
    var clock = Stopwatch.StartNew();
    var outcome = await trainer.TrainAsync(Config(cycleEpochs), null, new Ignore(), CancellationToken.None);
    var seconds = clock.Elapsed.TotalSeconds;
    return outcome.Epochs.Count == cycleEpochs ? seconds : throw new InvalidOperationException($"{outcome.Epochs.Count} epochs of {cycleEpochs}");
}

async Task<double> AloneAsync(int cycleEpochs)
{
    var files = new CommandTrialFiles(work.CreateSubdirectory($"alone-{Guid.NewGuid():N}").FullName);
    files.WriteTraining(new TrialRun("bench", "bench-000001", 1), Config(cycleEpochs), 4, resumeEpoch: 0);
    var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
    start.ArgumentList.Add(program);
    start.Environment[CommandTrainer.ProgramConfigEnvironmentName] = files.Config;
    var clock = Stopwatch.StartNew();
    using var process = Process.Start(start)!;
    var lines = 0;
    while (await process.StandardOutput.ReadLineAsync() is not null)
    {
        lines++;
    }

    await process.WaitForExitAsync();
    var seconds = clock.Elapsed.TotalSeconds;
    Directory.Delete(files.Directory, recursive: true);
    return lines == cycleEpochs ? seconds : throw new InvalidOperationException($"{lines} lines of {cycleEpochs}");
}

static TrialConfig Config(int cycleEpochs) => new("synthetic", "made-up", 0.4, 25, 1e4, 1e-4, 128, cycleEpochs, 0.85, 0.95, Seed: 1);

internal sealed class Ignore : ITrainingObserver
{
    public ValueTask OnEpochCompletedAsync(EpochMetrics metrics, TrainingCheckpoint checkpoint, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
