namespace SuperConvergence.Cli.RangeTests;

/// <summary>
/// `--beta` and `--diverge-factor`, the analysis knobs `sc rangetest analyze` and `sc rangetest run` share: Core's
/// defaults, Core's checks, refusals named by flag.
/// </summary>
internal sealed class AnalysisFlags
{
    private static readonly RangeTestAnalysisOptions Defaults = new();

    private readonly Option<double> beta = new("--beta")
    {
        Description = "Smoothing of the loss's debiased moving average, in [0, 1)",
        DefaultValueFactory = _ => Defaults.Beta,
    };

    private readonly Option<double> divergeFactor;

    /// <param name="divergeDescription">What divergence means for the command (the run also stops there).</param>
    public AnalysisFlags(string divergeDescription = "Divergence: smoothed loss above this many times its running minimum") =>
        divergeFactor = new Option<double>("--diverge-factor") { Description = divergeDescription, DefaultValueFactory = _ => Defaults.DivergeFactor };

    public void AddTo(Command command)
    {
        command.Options.Add(beta);
        command.Options.Add(divergeFactor);
    }

    public RangeTestAnalysisOptions Resolve(ParseResult parse)
    {
        var options = Defaults with { Beta = parse.GetValue(beta), DivergeFactor = parse.GetValue(divergeFactor) };
        try
        {
            options.Validate();
        }
        catch (ScheduleSettingException refused)
        {
            throw CliException.BadSetting(refused);
        }

        return options;
    }
}
