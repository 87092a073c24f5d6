using System.Security.Cryptography;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials.Tabular;

namespace SuperConvergence.Cli.Sweeps;

/// <summary>A spec file as the console reads it: validated here first, so bad input fails fast with exit 2.</summary>
public sealed record SpecFile(string Path, string Text, SweepSpec Spec)
{
    public static SpecFile Read(string path)
    {
        if (!File.Exists(path))
        {
            throw CliException.BadInput("SPEC", path, "is not a file", "examples/ holds specs to start from, e.g. examples/simulated-quick.yaml; docs/sweep-spec.md describes them");
        }

        try
        {
            var text = File.ReadAllText(path);
            return new SpecFile(path, text, SweepTrainerRequirements.Require(SweepSpecReader.ReadFile(path), new TrialTableCache()));
        }
        catch (SweepSpecException e)
        {
            throw new CliException($"{path}: {e.Message}", ExitCodes.BadInput);
        }
    }

    /// <summary>A spec that does not come from a file of the user's (the demo's, built in).</summary>
    public static SpecFile FromText(string name, string text)
    {
        try
        {
            return new SpecFile(name, text, SweepTrainerRequirements.Require(SweepSpecReader.Parse(text), new TrialTableCache()));
        }
        catch (SweepSpecException e)
        {
            throw new CliException($"{name}: {e.Message}", ExitCodes.BadInput);
        }
    }

    /// <summary>A fresh sweep id: the spec's name, the UTC time and a random suffix, e.g. fmnist-20261122-231502-3fa9.</summary>
    public string NewSweepId() =>
        $"{Spec.Name}-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2))}";
}
