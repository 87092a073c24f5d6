namespace SuperConvergence.Cli.RangeTests;

/// <summary>
/// `--beta` and `--diverge-factor`, the analysis knobs `sc rangetest analyze` and `sc rangetest run` share: Core's
/// defaults, Core's checks, refusals named by flag.
/// </summary>
internal sealed class AnalysisFlags
{
    private static readonly RangeTestAnalysisOptions Defaults = new();

    private readonly Option<double> _beta = new("--beta")
    {
        Description = "Smoothing of the loss's debiased moving average, in [0, 1)",
        DefaultValueFactory = _ => Defaults.Beta,
    };

    private readonly Option<double> _divergeFactor;

    /// <param name="divergeDescription">What divergence means for the command (the run also stops there).</param>
    public AnalysisFlags(string divergeDescription = "Divergence: smoothed loss above this many times its running minimum") =>
        _divergeFactor = new Option<double>("--diverge-factor") { Description = divergeDescription, DefaultValueFactory = _ => Defaults.DivergeFactor };

    public void AddTo(Command command)
    {
        command.Options.Add(_beta);
        command.Options.Add(_divergeFactor);
    }

    public RangeTestAnalysisOptions Resolve(ParseResult parse)
    {
        var options = Defaults with { Beta = parse.GetValue(_beta), DivergeFactor = parse.GetValue(_divergeFactor) };
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
