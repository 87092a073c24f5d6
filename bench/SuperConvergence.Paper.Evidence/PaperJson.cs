using System.Text.Json;

namespace SuperConvergence.Paper.Evidence;

/// <summary>results/paper.json: every run's final and per-epoch test accuracy, and what the two findings derive from them.</summary>
public static class PaperJson
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string Write(PaperResults results, SuperConvergenceFinding super, LessDataFinding lessData, Provenance provenance)
    {
        var document = new
        {
            provenance = new { provenance.Command, provenance.Written, provenance.Commit, provenance.Machine },
            computeSeconds = results.All.Sum(r => r.Seconds),
            rangeTest = new
            {
                file = results.RangeTest.File,
                trainImages = results.RangeTest.TrainImages,
                seed = results.RangeTest.Seed,
                iterations = results.RangeTest.Iterations,
                recommendedMinLr = results.RangeTest.Report.Recommended.MinLr,
                recommendedMaxLr = results.RangeTest.Report.Recommended.MaxLr,
                divergenceLr = results.RangeTest.Report.DivergenceLr,
                floorLow = results.RangeTest.Report.Floor.Low,
                floorHigh = results.RangeTest.Report.Floor.High,
            },
            superConvergence = new
            {
                testImages = PaperRun.TestImagesOf(results.Super),
                oneCycleMaxLr = super.OneCycleMaxLr,
                candidates = super.Candidates.Select(c => new { maxLr = c.MaxLr, status = c.Status, finalAccuracy = c.FinalAccuracy }),
                tunedLr = super.Conventional.MaxLr,
                conventional = Schedule(super.Conventional),
                oneCycle = super.Cycles.Select(Schedule),
                target = super.Target,
                conventionalIterationsToTarget = super.ConventionalIterationsToTarget,
                oneCycleIterationsToTarget = super.OneCycleIterationsToTarget,
                iterationRatio = super.IterationRatio,
                lengthRatio = super.LengthRatio,
                tolerance = super.Tolerance,
                conventionalIterationsToTolerance = super.ConventionalIterationsToTolerance,
                oneCycleIterationsToTolerance = super.OneCycleIterationsToTolerance,
                toleranceRatio = super.ToleranceRatio,
            },
            lessData = new
            {
                testImages = PaperRun.TestImagesOf(results.LessData),
                sizes = lessData.Sizes.Select(s => new
                {
                    trainImages = s.TrainImages,
                    oneCycle = Schedule(s.OneCycle),
                    conventional = Schedule(s.Conventional),
                    gap = s.Gap,
                    seedGaps = s.SeedGaps,
                }),
                gapWidensAtEveryStep = lessData.GapWidensAtEveryStep,
            },
            runs = results.All.Select(r => new
            {
                file = r.File,
                policy = r.Policy,
                dataset = r.Dataset,
                model = r.Model,
                trainImages = r.TrainImages,
                batchSize = r.BatchSize,
                weightDecay = r.WeightDecay,
                maxLr = r.MaxLr,
                seed = r.Seed,
                status = r.Status,
                epochs = r.Epochs,
                iterationsPerEpoch = r.IterationsPerEpoch,
                iterations = r.Iterations,
                finalAccuracy = r.FinalAccuracy,
                finalTrainLoss = r.FinalTrainLoss,
                seconds = r.Seconds,
                history = r.History.Select(p => new { epoch = p.Epoch, iteration = p.Iteration, testAccuracy = p.TestAccuracy }),
            }),
        };
        return JsonSerializer.Serialize(document, Options) + "\n";
    }

    private static object Schedule(ScheduleResult schedule) => new
    {
        policy = schedule.Policy,
        maxLr = schedule.MaxLr,
        epochs = schedule.Epochs,
        iterations = schedule.Iterations,
        seeds = schedule.Runs.Select(r => r.Seed),
        finalAccuracies = schedule.Final.Values,
        meanFinalAccuracy = schedule.Final.Mean,
        minFinalAccuracy = schedule.Final.Min,
        maxFinalAccuracy = schedule.Final.Max,
        standardDeviation = schedule.Final.StandardDeviation,
        meanTrainLoss = schedule.MeanTrainLoss,
        meanCurve = schedule.MeanCurve.Select(p => new { epoch = p.Epoch, iteration = p.Iteration, testAccuracy = p.TestAccuracy }),
    };
}
