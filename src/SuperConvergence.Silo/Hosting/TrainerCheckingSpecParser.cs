using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials.Tabular;
using SuperConvergence.Training.Training;

namespace SuperConvergence.Silo.Hosting;

/// <summary>
/// The coordinator's spec parser: the default one, then what this silo's trainers need (a known model and dataset, a table that holds the search space),
/// so a sweep no worker could run is refused when it is started, with the same one-line message as the console's.
/// </summary>
public sealed class TrainerCheckingSpecParser(ISweepSpecParser inner, TrialTableCache tables) : ISweepSpecParser
{
    public SweepSpec Parse(string specText)
    {
        var spec = inner.Parse(specText);
        var problems = SweepTrainerRequirements.Problems(spec, tables);
        // ArgumentException, as the default parser's: a type every client can deserialise.
        return problems.Count == 0 ? spec : throw new ArgumentException(problems[0].ToString());
    }
}
