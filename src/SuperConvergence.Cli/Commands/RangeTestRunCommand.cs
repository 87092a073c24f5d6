using SuperConvergence.Training.RangeTests;

namespace SuperConvergence.Cli.Commands;

/// <summary>`sc rangetest run`: an LR range test with the training engine, its curve as CSV, then its analysis.</summary>
public static class RangeTestRunCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command(
            "run",
            "Run an LR range test: train a fresh model while the LR ramps from --start-lr to --end-lr, write the curve " +
            "(lr,loss[,accuracy]) to --out, then print its analysis exactly as `sc rangetest analyze` would.\n\n" +
            "Examples:\n  sc rangetest run --dataset fashion-mnist --model resnet-small --start-lr 1e-4 --end-lr 10 --iterations 200 --mode exp --batch-size 256 --out curve.csv\n" +
            "  sc rangetest run --iterations 300 --accuracy-every 10 --validation 2000 --out curve.csv --format json");
        var run = new RunOptions();
        var startLr = new Option<double>("--start-lr") { Description = "LR of the first iteration", DefaultValueFactory = _ => 1e-4 };
        var endLr = new Option<double>("--end-lr") { Description = "LR of the last iteration", DefaultValueFactory = _ => 10 };
        var iterations = new Option<int>("--iterations") { Description = "Iterations (one batch each)", DefaultValueFactory = _ => 200 };
        var mode = new Option<string>("--mode") { Description = "Ramp: exp (equal ratios per step) or linear", DefaultValueFactory = _ => "exp" };
        var accuracyEvery = new Option<int>("--accuracy-every") { Description = "Measure accuracy every K iterations (on --validation images when carved, else on test); 0: never", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "Where to write the curve (CSV)", Required = true };
        var analysis = new AnalysisFlags("Divergence: smoothed loss above this many times its running minimum; the run stops there");
        var format = OutputFormats.Option(OutputFormat.Table, OutputFormat.Json);
        var momentum = new MomentumFlag();
        run.AddTo(command);
        foreach (var option in new Option[] { startLr, endLr, iterations, mode })
        {
            command.Options.Add(option);
        }

        momentum.AddTo(command);
        command.Options.Add(accuracyEvery);
        command.Options.Add(output);

        analysis.AddTo(command);
        command.Options.Add(format);

        command.SetAction((parse, ct) =>
        {
            var resolved = run.Resolve(parse);
            var ramp = Ramp(parse.GetValue(startLr), parse.GetValue(endLr), parse.GetValue(iterations), parse.GetValue(mode)!);
            var momentumValue = momentum.Resolve(parse, resolved.Setup.Optimizer);
            var interval = parse.GetValue(accuracyEvery);
            OptionChecks.Require(interval >= 0, "--accuracy-every", interval, "must be ≥ 0");
            var analysisOptions = analysis.Resolve(parse);
            var outPath = OutputPaths.RequireWritableFile("--out", parse.GetValue(output)!);
            var rangeTest = new RangeTestRun(
                resolved.Dataset, resolved.Setup, ramp, momentumValue, resolved.BatchSize, interval, resolved.Selection, analysisOptions);
            return RunAsync(console, resolved, rangeTest, outPath, OutputFormats.Parse(parse.GetValue(format)!), ct);
        });
        return command;
    }

    private static RangeTestPlan Ramp(double start, double end, int iterations, string mode)
    {
        var ramp = mode.ToLowerInvariant() switch
        {
            "exp" or "exponential" => RangeTestRamp.Exponential,
            "linear" => RangeTestRamp.Linear,
            _ => throw CliException.BadInput("--mode", mode, "must be exp or linear"),
        };
        try
        {
            return new RangeTestPlan(start, end, iterations, ramp);
        }
        catch (ScheduleSettingException refused)
        {
            throw CliException.BadSetting(refused);
        }
    }

    private static async Task<int> RunAsync(CliConsole console, ResolvedRun resolved, RangeTestRun rangeTest, string outPath, OutputFormat format, CancellationToken cancellationToken)
    {
        DatasetErrors.Prepare(resolved);
        var runner = new RangeTestRunner(resolved.Store, resolved.Device);
        var outcome = await IterationProgress.RunAsync<RangeTestPoint, RangeTestOutcome>(
            console,
            "range test",
            rangeTest.Ramp.Iterations,
            point => string.Create(CultureInfo.InvariantCulture, $"lr {point.LearningRate:G3} loss {point.Loss:F4}"),
            onPoint => runner.RunAsync(rangeTest, onPoint, cancellationToken));
        using (var file = new StreamWriter(outPath))
        {
            RangeTestCsv.Write(file, outcome.Points, withAccuracy: rangeTest.AccuracyEvery > 0);
        }

        var last = outcome.Points[^1];
        console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"range test: {outcome.Points.Count} of {rangeTest.Ramp.Iterations} iterations, {(outcome.Diverged ? $"stopped on divergence at LR {last.LearningRate:G4}" : "no divergence")}; curve in {outPath}"));
        RangeTestReport report;
        try
        {
            report = RangeTestAnalyzeCommand.Analyze(outPath, outcome.Points, rangeTest.AnalysisOptions);
        }
        catch (CliException refused) when (outcome.Diverged && outcome.Points.Count <= RangeTestAnalysis.MinimumPoints)
        {
            throw new CliException(refused.Message, refused.ExitCode, EarlyDivergenceHint(rangeTest.Ramp, outcome.Points.Count));
        }

        RangeTestAnalyzeCommand.Print(console, report, format);
        return ExitCodes.Ok;
    }

    /// <summary>A curve that blows up before the analysis has enough points: the ramp starts too high or climbs too fast.</summary>
    private static string EarlyDivergenceHint(RangeTestPlan ramp, int points) => string.Create(
        CultureInfo.InvariantCulture,
        $"the loss diverged within the first {points} iterations: lower --start-lr (now {ramp.StartLr:G4}) or raise --iterations (now {ramp.Iterations}) so the ramp spends more iterations below the LR where it blows up");
}
