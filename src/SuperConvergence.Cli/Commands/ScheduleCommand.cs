using System.CommandLine;
using SuperConvergence.Cli.Schedules;
using SuperConvergence.Cli.Sweeps;
using SuperConvergence.Core.Schedules;

namespace SuperConvergence.Cli.Commands;

/// <summary>`sc schedule onecycle|cyclic`: print an LR/momentum schedule, with PyTorch's arguments and defaults.</summary>
public static class ScheduleCommand
{
    public static Command Create(CliConsole console)
    {
        var schedule = new Command("schedule", "Print LR and momentum schedules step by step (PyTorch OneCycleLR / CyclicLR values).");
        schedule.Subcommands.Add(OneCycle(console));
        schedule.Subcommands.Add(Cyclic(console));
        return schedule;
    }

    private static Command OneCycle(CliConsole console)
    {
        var command = new Command("onecycle", "The 1cycle policy, same values as PyTorch's OneCycleLR.\n\nExamples:\n  sc schedule onecycle --max-lr 0.8 --total-steps 1000 --format csv > schedule.csv\n  sc schedule onecycle --max-lr 1 --total-steps 100 --three-phase --anneal-strategy linear");
        var maxLr = Required<double>("--max-lr", "Peak learning rate");
        var totalSteps = Required<int>("--total-steps", "Number of steps (iterations)");
        var pctStart = Default("--pct-start", "Fraction of the steps spent warming up", 0.3);
        var anneal = new Option<string>("--anneal-strategy") { Description = "cos or linear", DefaultValueFactory = _ => "cos" };
        anneal.AcceptOnlyFromAmong("cos", "linear");
        var threePhase = new Option<bool>("--three-phase") { Description = "Return to the initial LR before annealing (fastai-style three phases)" };
        var divFactor = Default("--div-factor", "Initial LR = max LR / div factor", 25.0);
        var finalDivFactor = Default("--final-div-factor", "Final LR = initial LR / final div factor", 1e4);
        var baseMomentum = Default("--base-momentum", "Momentum at the LR peak", 0.85);
        var maxMomentum = Default("--max-momentum", "Momentum at the cycle's ends", 0.95);
        var noCycleMomentum = new Option<bool>("--no-cycle-momentum") { Description = "Keep momentum at --max-momentum" };
        var fastai = new Option<bool>("--fastai") { Description = "fastai's preset: pct-start 0.25, final LR max/1e5 (other flags ignored)" };
        var format = OutputFormats.Option(OutputFormat.Csv, OutputFormat.Json, OutputFormat.Table);
        foreach (var option in new Option[] { maxLr, totalSteps, pctStart, anneal, threePhase, divFactor, finalDivFactor, baseMomentum, maxMomentum, noCycleMomentum, fastai, format })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var options = parse.GetValue(fastai)
                ? OneCycleOptions.Fastai(parse.GetValue(maxLr), parse.GetValue(totalSteps))
                : new OneCycleOptions(
                    parse.GetValue(maxLr), parse.GetValue(totalSteps), parse.GetValue(pctStart),
                    parse.GetValue(anneal) == "linear" ? AnnealStrategy.Linear : AnnealStrategy.Cos,
                    !parse.GetValue(noCycleMomentum), parse.GetValue(baseMomentum), parse.GetValue(maxMomentum),
                    parse.GetValue(divFactor), parse.GetValue(finalDivFactor), parse.GetValue(threePhase));
            return Print(console, () => new OneCycleSchedule(options), parse.GetValue(format)!);
        });
        return command;
    }

    private static Command Cyclic(CliConsole console)
    {
        var command = new Command("cyclic", "Cyclical learning rates, same values as PyTorch's CyclicLR.\n\nExample:\n  sc schedule cyclic --base-lr 0.001 --max-lr 0.1 --total-steps 8000 --step-size-up 2000 --mode triangular2");
        var baseLr = Required<double>("--base-lr", "Lower LR of the cycle");
        var maxLr = Required<double>("--max-lr", "Upper LR of the cycle");
        var totalSteps = Required<int>("--total-steps", "Number of steps (iterations)");
        var stepSizeUp = new Option<int>("--step-size-up") { Description = "Steps from base to max LR", DefaultValueFactory = _ => 2000 };
        var stepSizeDown = new Option<int?>("--step-size-down") { Description = "Steps from max back to base LR (default: --step-size-up)" };
        var mode = new Option<string>("--mode") { Description = "triangular, triangular2 or exp_range", DefaultValueFactory = _ => "triangular" };
        mode.AcceptOnlyFromAmong("triangular", "triangular2", "exp_range");
        var gamma = Default("--gamma", "exp_range: amplitude × gamma^step", 1.0);
        var baseMomentum = Default("--base-momentum", "Momentum at the LR peak", 0.8);
        var maxMomentum = Default("--max-momentum", "Momentum at base LR", 0.9);
        var noCycleMomentum = new Option<bool>("--no-cycle-momentum") { Description = "Keep momentum at --max-momentum" };
        var format = OutputFormats.Option(OutputFormat.Csv, OutputFormat.Json, OutputFormat.Table);
        foreach (var option in new Option[] { baseLr, maxLr, totalSteps, stepSizeUp, stepSizeDown, mode, gamma, baseMomentum, maxMomentum, noCycleMomentum, format })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var cyclicMode = parse.GetValue(mode) switch
            {
                "triangular2" => CyclicMode.Triangular2,
                "exp_range" => CyclicMode.ExpRange,
                _ => CyclicMode.Triangular,
            };
            var options = new CyclicOptions(
                parse.GetValue(baseLr), parse.GetValue(maxLr), parse.GetValue(totalSteps), parse.GetValue(stepSizeUp), parse.GetValue(stepSizeDown),
                cyclicMode, parse.GetValue(gamma), !parse.GetValue(noCycleMomentum), parse.GetValue(baseMomentum), parse.GetValue(maxMomentum));
            return Print(console, () => new CyclicSchedule(options), parse.GetValue(format)!);
        });
        return command;
    }

    private static int Print(CliConsole console, Func<ITrainingSchedule> build, string format)
    {
        ITrainingSchedule schedule;
        try
        {
            schedule = build();
        }
        catch (ScheduleSettingException e)
        {
            // Field names are PyTorch's; the CLI spells them as its flags.
            throw new CliException($"--{e.Message.Replace('_', '-')}", ExitCodes.BadInput);
        }

        switch (OutputFormats.Parse(format))
        {
            case OutputFormat.Json:
                console.Out.WriteLine(ScheduleOutput.Json(schedule));
                break;
            case OutputFormat.Table:
                ScheduleOutput.WriteTable(schedule, console.Out);
                break;
            default:
                ScheduleOutput.WriteCsv(schedule, console.Out);
                break;
        }

        return ExitCodes.Ok;
    }

    private static Option<T> Required<T>(string name, string description) => new(name) { Description = description, Required = true };

    private static Option<double> Default(string name, string description, double value) => new(name) { Description = description, DefaultValueFactory = _ => value };
}
