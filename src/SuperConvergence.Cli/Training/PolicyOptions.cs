namespace SuperConvergence.Cli.Training;

/// <summary>The schedule `sc train` asked for, ready to be built once the run knows its length in steps.</summary>
internal sealed record PolicyChoice(string Name, double MaxLr, ScheduleRecipe Recipe)
{
    /// <summary>Builds the schedule for the run's length, reporting a setting Core rejects as bad input.</summary>
    public void Check(int totalSteps)
    {
        try
        {
            Recipe.Build(totalSteps);
        }
        catch (ScheduleSettingException e)
        {
            throw new CliException($"--policy {Name}: {e.Message}", ExitCodes.BadInput);
        }
    }
}

/// <summary>
/// `--policy`, `--max-lr` and `--momentum-range`, turned into one of Core's schedules through its policy factory
/// (<see cref="SchedulePolicies"/>, which documents each policy's fixed choices).
/// </summary>
internal sealed class PolicyOptions
{
    private readonly Option<string> _policy = new("--policy")
    {
        Description = "LR policy: onecycle, cyclic, constant, multistep (x0.1 at 50% and 75%) or cosine",
        DefaultValueFactory = _ => "onecycle",
    };

    private readonly Option<double> _maxLr = new("--max-lr")
    {
        Description = "Peak learning rate (the constant rate for constant, the starting rate for multistep and cosine); `sc rangetest run` recommends one",
        Required = true,
    };

    private readonly Option<string> _momentumRange = new("--momentum-range")
    {
        Description = "BASE,MAX momentum: cycled opposite to the LR by onecycle and cyclic; the others hold MAX",
        DefaultValueFactory = _ => "0.85,0.95",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_policy);
        command.Options.Add(_maxLr);
        command.Options.Add(_momentumRange);
    }

    /// <param name="nesterov">Whether SGD runs with Nesterov momentum, which needs a momentum above zero at every step.</param>
    public PolicyChoice Resolve(ParseResult parse, bool nesterov)
    {
        var name = parse.GetValue(_policy)!;
        if (!SchedulePolicies.TryParse(name, out var chosen))
        {
            throw CliException.BadInput("--policy", name, $"is not a policy; choose {string.Join(", ", Enum.GetValues<SchedulePolicy>().Select(SchedulePolicies.Name))}");
        }

        var peak = parse.GetValue(_maxLr);
        OptionChecks.Require(double.IsFinite(peak) && peak > 0, "--max-lr", peak, "must be a finite number > 0");
        var rangeText = parse.GetValue(_momentumRange)!;
        var (baseMomentum, maxMomentum) = ParseMomentumRange(rangeText);
        OptionChecks.Require(!nesterov || baseMomentum > 0, "--momentum-range", rangeText, "must have BASE > 0 with --nesterov (Nesterov momentum needs a momentum)");

        var description = string.Create(CultureInfo.InvariantCulture, $"{SchedulePolicies.Name(chosen)}(max_lr={peak:R},momentum={baseMomentum:R}-{maxMomentum:R})");
        var recipe = new ScheduleRecipe(description, steps => SchedulePolicies.Create(chosen, peak, steps, baseMomentum, maxMomentum));
        return new PolicyChoice(SchedulePolicies.Name(chosen), peak, recipe);
    }

    private static (double Base, double Max) ParseMomentumRange(string text)
    {
        var parts = text.Split(',');
        if (parts.Length != 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var low)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var high))
        {
            throw CliException.BadInput("--momentum-range", text, "must be two numbers BASE,MAX, e.g. 0.85,0.95");
        }

        OptionChecks.Require(low is >= 0 and < 1 && high is >= 0 and < 1 && low <= high, "--momentum-range", text, "must satisfy 0 <= BASE <= MAX < 1");
        return (low, high);
    }
}
