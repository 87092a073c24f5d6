using SuperConvergence.Cli.Schedules;

namespace SuperConvergence.Cli.Commands;

/// <summary>
/// `sc schedule onecycle|cyclic`: print an LR/momentum schedule with PyTorch's arguments. Defaults are Core's option
/// records' (PyTorch's), so a flag left out means exactly what leaving the argument out of PyTorch means.
/// </summary>
public static class ScheduleCommand
{
    private static readonly OneCycleOptions OneCycleDefaults = new(1, 2);
    private static readonly OneCycleOptions FastaiDefaults = OneCycleOptions.Fastai(1, 2);
    private static readonly CyclicOptions CyclicDefaults = new(1, 1, 2);

    public static Command Create(CliConsole console)
    {
        var schedule = new Command("schedule", "Print LR and momentum schedules step by step (PyTorch OneCycleLR / CyclicLR values).\n\nExamples:\n  sc schedule onecycle --max-lr 0.8 --total-steps 1000 > schedule.csv\n  sc schedule cyclic --base-lr 0.01 --max-lr 0.1 --total-steps 400 --format table");
        schedule.Subcommands.Add(OneCycle(console));
        schedule.Subcommands.Add(Cyclic(console));
        return schedule;
    }

    private static Command OneCycle(CliConsole console)
    {
        var command = new Command(
            "onecycle",
            "The 1cycle policy, same values as PyTorch's OneCycleLR.\n\nExamples:\n" +
            "  sc schedule onecycle --max-lr 0.8 --total-steps 1000 > schedule.csv\n" +
            "  sc schedule onecycle --max-lr 1 --total-steps 100 --three-phase --anneal-strategy linear --format table\n" +
            "  sc schedule onecycle --max-lr 1 --total-steps 100 --fastai --format json");
        var d = OneCycleDefaults;
        var maxLr = Required<double>("--max-lr", "Peak learning rate");
        var totalSteps = Required<int>("--total-steps", "Number of steps (iterations), at least 2");
        var pctStart = Optional("--pct-start", "Fraction of the steps spent warming up, in (0, 1)", d.PctStart, FastaiDefaults.PctStart);
        var anneal = new Option<string?>("--anneal-strategy") { Description = $"cos or linear (default {Name(d.AnnealStrategy)})" };
        anneal.AcceptOnlyFromAmong("cos", "linear");
        var threePhase = new Option<bool>("--three-phase") { Description = "Return to the initial LR before annealing (the paper's three phases)" };
        var divFactor = Optional("--div-factor", "Initial LR = max LR / div factor", d.DivFactor);
        var finalDivFactor = Optional("--final-div-factor", "Final LR = initial LR / final div factor", d.FinalDivFactor, FastaiDefaults.FinalDivFactor);
        var baseMomentum = Optional("--base-momentum", "Momentum at the LR peak", d.BaseMomentum);
        var maxMomentum = Optional("--max-momentum", "Momentum at the cycle's ends (throughout with --no-cycle-momentum)", d.MaxMomentum);
        var noCycleMomentum = new Option<bool>("--no-cycle-momentum") { Description = "Keep momentum at --max-momentum" };
        var fastai = new Option<bool>("--fastai") { Description = "fastai's fit_one_cycle defaults: pct-start 0.25, final LR max/1e5 (flags given explicitly still win)" };
        var format = OutputFormats.Option(OutputFormat.Csv, OutputFormat.Json, OutputFormat.Table);
        foreach (var option in new Option[] { maxLr, totalSteps, pctStart, anneal, threePhase, divFactor, finalDivFactor, baseMomentum, maxMomentum, noCycleMomentum, fastai, format })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var preset = parse.GetValue(fastai)
                ? OneCycleOptions.Fastai(parse.GetValue(maxLr), parse.GetValue(totalSteps))
                : new OneCycleOptions(parse.GetValue(maxLr), parse.GetValue(totalSteps));
            var options = preset with
            {
                PctStart = parse.GetValue(pctStart) ?? preset.PctStart,
                AnnealStrategy = parse.GetValue(anneal) is { } strategy ? Enum.Parse<AnnealStrategy>(strategy, ignoreCase: true) : preset.AnnealStrategy,
                CycleMomentum = !parse.GetValue(noCycleMomentum),
                BaseMomentum = parse.GetValue(baseMomentum) ?? preset.BaseMomentum,
                MaxMomentum = parse.GetValue(maxMomentum) ?? preset.MaxMomentum,
                DivFactor = parse.GetValue(divFactor) ?? preset.DivFactor,
                FinalDivFactor = parse.GetValue(finalDivFactor) ?? preset.FinalDivFactor,
                ThreePhase = parse.GetValue(threePhase),
            };
            return Print(console, () => new OneCycleSchedule(options), parse.GetValue(format)!);
        });
        return command;
    }

    private static Command Cyclic(CliConsole console)
    {
        var command = new Command(
            "cyclic",
            "Cyclical learning rates, same values as PyTorch's CyclicLR.\n\nExamples:\n" +
            "  sc schedule cyclic --base-lr 0.001 --max-lr 0.1 --total-steps 8000 --step-size-up 2000 --mode triangular2\n" +
            "  sc schedule cyclic --base-lr 0.001 --max-lr 0.1 --total-steps 400 --step-size-up 50 --mode exp_range --gamma 0.999 --format table");
        var d = CyclicDefaults;
        var baseLr = Required<double>("--base-lr", "Lower LR of the cycle");
        var maxLr = Required<double>("--max-lr", "Upper LR of the cycle");
        var totalSteps = Required<int>("--total-steps", "Number of steps (iterations), at least 2");
        var stepSizeUp = new Option<int?>("--step-size-up") { Description = $"Steps from base to max LR (default {d.StepSizeUp})" };
        var stepSizeDown = new Option<int?>("--step-size-down") { Description = "Steps from max back to base LR (default: --step-size-up)" };
        var mode = new Option<string?>("--mode") { Description = "triangular, triangular2 (amplitude halves each cycle) or exp_range (amplitude × gamma^step) (default triangular)" };
        mode.AcceptOnlyFromAmong("triangular", "triangular2", "exp_range");
        var gamma = Optional("--gamma", "exp_range: amplitude × gamma^step", d.Gamma);
        var baseMomentum = Optional("--base-momentum", "Momentum at the LR peak", d.BaseMomentum);
        var maxMomentum = Optional("--max-momentum", "Momentum at base LR (throughout with --no-cycle-momentum)", d.MaxMomentum);
        var noCycleMomentum = new Option<bool>("--no-cycle-momentum") { Description = "Keep momentum at --max-momentum" };
        var format = OutputFormats.Option(OutputFormat.Csv, OutputFormat.Json, OutputFormat.Table);
        foreach (var option in new Option[] { baseLr, maxLr, totalSteps, stepSizeUp, stepSizeDown, mode, gamma, baseMomentum, maxMomentum, noCycleMomentum, format })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var preset = new CyclicOptions(parse.GetValue(baseLr), parse.GetValue(maxLr), parse.GetValue(totalSteps));
            var options = preset with
            {
                StepSizeUp = parse.GetValue(stepSizeUp) ?? preset.StepSizeUp,
                StepSizeDown = parse.GetValue(stepSizeDown),
                Mode = parse.GetValue(mode) is { } name ? Enum.Parse<CyclicMode>(name.Replace("_", ""), ignoreCase: true) : preset.Mode,
                Gamma = parse.GetValue(gamma) ?? preset.Gamma,
                CycleMomentum = !parse.GetValue(noCycleMomentum),
                BaseMomentum = parse.GetValue(baseMomentum) ?? preset.BaseMomentum,
                MaxMomentum = parse.GetValue(maxMomentum) ?? preset.MaxMomentum,
            };
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
        catch (ScheduleSettingException refused)
        {
            throw CliException.BadSetting(refused);
        }

        switch (OutputFormats.Parse(format))
        {
            case OutputFormat.Json:
                ScheduleOutput.WriteJson(schedule, console.Out);
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

    private static string Name(AnnealStrategy strategy) => strategy.ToString().ToLowerInvariant();

    private static Option<T> Required<T>(string name, string description) => new(name) { Description = description, Required = true };

    /// <summary>A flag whose absence means Core's default, which the help names.</summary>
    private static Option<double?> Optional(string name, string description, double @default, double? fastaiDefault = null) => new(name)
    {
        Description = string.Create(
            CultureInfo.InvariantCulture,
            $"{description} (default {@default:R}{(fastaiDefault is double f ? string.Create(CultureInfo.InvariantCulture, $"; {f:R} with --fastai") : "")})"),
    };
}
