using SuperConvergence.Core.Sweeps;
using SuperConvergence.Grains.Hosting;
using SuperConvergence.Training.Training;

namespace SuperConvergence.Silo.Hosting;

/// <summary>
/// The coordinator's spec parser: the default one, then what this silo's trainers need (a known model and dataset),
/// so a sweep no worker could run is refused when it is started, with the same one-line message as the console's.
/// </summary>
public sealed class TrainerCheckingSpecParser(ISweepSpecParser inner) : ISweepSpecParser
{
    public SweepSpec Parse(string specText)
    {
        var spec = inner.Parse(specText);
        var problems = TorchSweepRequirements.Problems(spec);
        // ArgumentException, as the default parser's: a type every client can deserialise.
        return problems.Count == 0 ? spec : throw new ArgumentException(problems[0].ToString());
    }
}
