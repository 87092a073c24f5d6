using System.Globalization;
using System.Text.Json;
using SuperConvergence.Core.Schedules;
using SuperConvergence.Training.Benchmarks;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Models;
using SuperConvergence.Training.Training;
using static TorchSharp.torch;

// Trainer overhead and hardware efficiency (not a test: wall-clock numbers for docs/benchmarks.md).
// Usage: dotnet run -c Release --project bench/SuperConvergence.Training.Benchmarks -- [--model resnet-small]
//        [--width 1] [--dataset fashion-mnist] [--batch-size 256] [--steps 10] [--rounds 20] [--device auto]
//        [--max-lr 0.5] [--versus MODEL] (a second model through the same trainer in the same rounds, e.g. a plugin's plugin:PATH#TYPE)
var options = BenchmarkOptions.Parse(args);
var device = TrainingDevice.Resolve(options.Device);
var store = new DatasetStore(DataCache.DefaultDirectory());
var selection = new DataSelection(TrainSubset: options.BatchSize * options.Steps, TestSubset: options.BatchSize);
var (dataset, data) = store.Prepare(options.Dataset, selection);

// The schedule's values do not change the work a step does; 1cycle is what sweeps run.
var oneCycle = new ScheduleRecipe(
    string.Create(CultureInfo.InvariantCulture, $"onecycle(max_lr={options.MaxLr})"), steps => new OneCycleSchedule(new OneCycleOptions(options.MaxLr, steps)));
var plan = new TrainingPlan(
    options.Dataset, options.Model, OptimizerSettings.Sgd(5e-4), oneCycle,
    Epochs: options.Rounds + 1, options.BatchSize, Seed: 1, options.Width, selection);
using var trainer = new TrainerThroughput(plan, dataset, data, device);
using var versus = options.Versus is null ? null : new TrainerThroughput(plan with { Model = options.Versus }, dataset, data, device);
using var bare = new BareTrainingLoop(options.Model, options.Width, dataset.Shape, dataset.ClassCount, options.BatchSize, device);

Console.WriteLine($"{options.Model} (width {options.Width}) on {options.Dataset} {dataset.Shape}, batch {options.BatchSize}, {trainer.StepsPerEpoch} steps per round, {options.Rounds} rounds, device {device.type}, {get_num_threads()} threads");
trainer.ImagesPerSecond();
versus?.ImagesPerSecond();
bare.ImagesPerSecond(options.Steps);

// Many short rounds, alternating the two, so that load from elsewhere on the machine (this one is shared) hits both
// alike. The best round of each is its speed with the machine to itself; the medians are reported beside them.
var trainerRates = new List<double>();
var versusRates = new List<double>();
var bareRates = new List<double>();
for (var round = 1; round <= options.Rounds; round++)
{
    trainerRates.Add(trainer.ImagesPerSecond());
    if (versus is not null)
    {
        versusRates.Add(versus.ImagesPerSecond());
    }

    bareRates.Add(bare.ImagesPerSecond(options.Steps));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"round {round}: trainer {trainerRates[^1]:F0} images/s{(versus is null ? "" : $", {options.Versus} {versusRates[^1]:F0} images/s")}, bare loop {bareRates[^1]:F0} images/s"));
}

if (versus is not null)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"versus: {options.Versus} best {versusRates.Max():F0} images/s = {versusRates.Max() / trainerRates.Max():P2} of {options.Model}'s {trainerRates.Max():F0}; medians {Median(versusRates):F0} and {Median(trainerRates):F0} = {Median(versusRates) / Median(trainerRates):P2}"));
}

var peak = MatmulPeak.GigaflopsPerSecond(device);
long macs;
using (var probe = ModelCatalog.Create(new ModelRequest(options.Model, dataset.Shape, dataset.ClassCount, options.Width), new Generator(1)))
{
    macs = ModelCost.MultiplyAccumulatesPerImage(probe, dataset.Shape);
}

var flopsPerImage = ModelCost.TrainingFlopsPerImage(macs);
var trainerBest = trainerRates.Max();
var bareBest = bareRates.Max();
var trainerMedian = Median(trainerRates);
var bareMedian = Median(bareRates);
var report = new
{
    model = options.Model,
    width = options.Width,
    dataset = options.Dataset,
    batchSize = options.BatchSize,
    device = device.type.ToString().ToLowerInvariant(),
    threads = get_num_threads(),
    rounds = options.Rounds,
    stepsPerRound = trainer.StepsPerEpoch,
    trainerImagesPerSecond = Math.Round(trainerBest, 1),
    bareImagesPerSecond = Math.Round(bareBest, 1),
    trainerShareOfBare = Math.Round(trainerBest / bareBest, 4),
    trainerMedianImagesPerSecond = Math.Round(trainerMedian, 1),
    bareMedianImagesPerSecond = Math.Round(bareMedian, 1),
    matmulGflops = Math.Round(peak, 1),
    forwardMacsPerImage = macs,
    trainingGflopsPerImage = Math.Round(flopsPerImage / 1e9, 6),
    trainerGflops = Math.Round(trainerBest * flopsPerImage / 1e9, 2),
    trainerShareOfMatmulPeak = Math.Round(trainerBest * flopsPerImage / 1e9 / peak, 4),
};
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"best rounds: trainer {trainerBest:F0} images/s = {trainerBest / bareBest:P1} of the bare loop's {bareBest:F0} (medians {trainerMedian:F0} and {bareMedian:F0}); matmul peak {peak:F1} GFLOP/s; a training step does {flopsPerImage / 1e6:F1} MFLOP per image, so the trainer reaches {report.trainerGflops:F1} GFLOP/s = {report.trainerShareOfMatmulPeak:P1} of peak"));
Console.WriteLine(JsonSerializer.Serialize(report));

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
