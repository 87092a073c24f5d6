namespace SuperConvergence.Cli.RangeTests;

/// <summary>
/// `--momentum`, the fixed SGD momentum of `sc rangetest run` and `sc rangetest hessian`: in [0, 1), and above 0
/// with --nesterov. Refusals name the flag.
/// </summary>
internal sealed class MomentumFlag
{
    private readonly Option<double> _momentum = new("--momentum") { Description = "SGD momentum, held fixed", DefaultValueFactory = _ => 0.9 };

    public void AddTo(Command command) => command.Options.Add(_momentum);

    public double Resolve(ParseResult parse, OptimizerSettings optimizer)
    {
        var value = parse.GetValue(_momentum);
        OptionChecks.Require(value is >= 0 and < 1, "--momentum", value, "must lie in [0, 1)");
        OptionChecks.Require(!optimizer.Nesterov || value > 0, "--momentum", value, "must be above 0 with --nesterov (Nesterov momentum needs a momentum)");
        return value;
    }
}
