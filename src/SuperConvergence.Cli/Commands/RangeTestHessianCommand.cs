using SuperConvergence.Training.RangeTests;

namespace SuperConvergence.Cli.Commands;

/// <summary>
/// `sc rangetest hessian`: the super-convergence paper's Hessian-free LR estimate, gᵀg/gᵀHg along the gradient, per
/// layer and for the whole model, read while a fresh model trains with SGD at a modest fixed LR.
/// </summary>
public static class RangeTestHessianCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command(
            "hessian",
            "Estimate the LR from the curvature along the gradient (gᵀg/gᵀHg, Hg by a finite difference of gradients on " +
            "the same batch) while a fresh model trains with SGD at --lr; prints the whole-model estimate (log-median of " +
            "the last --window iterations) and each layer's.\n\n" +
            "Examples:\n  sc rangetest hessian --dataset fashion-mnist --model resnet-small --iterations 100 --lr 0.01 --seed 1\n" +
            "  sc rangetest hessian --model mlp --iterations 200 --batch-size 128 --format json");
        var run = new RunOptions();
        var iterations = new Option<int>("--iterations") { Description = "Iterations (one batch each, two forward and backward passes)", DefaultValueFactory = _ => HessianFreeRun.DefaultIterations };
        var lr = new Option<double>("--lr") { Description = "The fixed SGD LR the model trains at while the curvature is read", DefaultValueFactory = _ => HessianFreeRun.DefaultLearningRate };
        var window = new Option<int>("--window") { Description = "The estimate is the log-median of the last N iterations' estimates", DefaultValueFactory = _ => HessianFreeRun.DefaultWindow };
        var relativeStep = new Option<double>("--relative-step") { Description = "Finite-difference perturbation ε·g as a fraction of the parameters' norm", DefaultValueFactory = _ => HessianFreeRun.DefaultRelativeStep };
        var format = OutputFormats.Option(OutputFormat.Table, OutputFormat.Json);
        var momentum = new MomentumFlag();
        run.AddTo(command);
        command.Options.Add(iterations);
        command.Options.Add(lr);
        momentum.AddTo(command);
        foreach (var option in new Option[] { window, relativeStep, format })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, ct) =>
        {
            var resolved = run.Resolve(parse);
            OptionChecks.Require(resolved.Setup.Optimizer.Kind == OptimizerKind.Sgd, "--optimizer", "adamw", "is not for this command: the estimate models SGD's step; use sgd");
            var count = parse.GetValue(iterations);
            OptionChecks.Require(count >= 1, "--iterations", count, "must be at least 1");
            var rate = parse.GetValue(lr);
            OptionChecks.Require(double.IsFinite(rate) && rate > 0, "--lr", rate, "must be a finite number > 0");
            var momentumValue = momentum.Resolve(parse, resolved.Setup.Optimizer);
            var windowValue = parse.GetValue(window);
            OptionChecks.Require(windowValue >= 1, "--window", windowValue, "must be at least 1");
            var step = parse.GetValue(relativeStep);
            OptionChecks.Require(step is > 0 and < 1, "--relative-step", step, "must lie in (0, 1)");
            var estimate = new HessianFreeRun(
                resolved.Dataset, resolved.Setup, count, rate, momentumValue, resolved.BatchSize, resolved.Selection, windowValue, step);
            return RunAsync(console, resolved, estimate, OutputFormats.Parse(parse.GetValue(format)!), ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, ResolvedRun resolved, HessianFreeRun run, OutputFormat format, CancellationToken cancellationToken)
    {
        DatasetErrors.Prepare(resolved);
        var estimator = new HessianFreeEstimator(resolved.Store, resolved.Device);
        var estimate = await IterationProgress.RunAsync<HessianFreeIteration, HessianFreeEstimate>(
            console,
            "hessian-free estimate",
            run.Iterations,
            iteration => string.Create(CultureInfo.InvariantCulture, $"loss {iteration.Loss:F4}, LR {(iteration.SmoothedLearningRate is double lr ? lr.ToString("G3", CultureInfo.InvariantCulture) : "-")}"),
            onIteration => estimator.RunAsync(run, onIteration, cancellationToken));
        console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"hessian-free estimate: {estimate.Iterations} of {run.Iterations} iterations of SGD at LR {run.LearningRate:G4}, momentum {run.Momentum:G4}; {estimate.IterationsUsed} with positive curvature along the gradient, {estimate.IterationsSkipped} skipped{(estimate.Diverged ? "; stopped at a non-finite loss (lower --lr)" : "")}"));
        if (format == OutputFormat.Json)
        {
            console.Out.WriteLine(HessianFreeJson.Write(estimate, run));
        }
        else
        {
            HessianFreeTable.Write(estimate, console.Out);
        }

        return ExitCodes.Ok;
    }
}
