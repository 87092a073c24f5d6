using System.Globalization;

namespace SuperConvergence.CommandTrainerProgram;

/// <summary>
/// The test program's flags: how (at which epoch or iteration, in which runs) to misbehave, how long an epoch takes.
/// MisbehaveIn is train, range_test (the probe included) or probe (only the run with SC_PROBE=1); null: every run.
/// </summary>
internal sealed record ProgramArguments(string? Misbehave, int At, int EpochMilliseconds, string? PidFile, double DivergeAbove, string? MisbehaveIn)
{
    public static ProgramArguments Parse(string[] args)
    {
        string? misbehave = null;
        string? pidFile = null;
        string? misbehaveIn = null;
        var at = 1;
        var epochMilliseconds = 0;
        var divergeAbove = double.PositiveInfinity;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--misbehave": misbehave = value; break;
                case "--at": at = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--epoch-ms": epochMilliseconds = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--pid-file": pidFile = value; break;
                case "--in": misbehaveIn = value is "train" or "range_test" or "probe" ? value : throw new ArgumentException($"--in {value}: train, range_test or probe"); break;
                case "--diverge-above": divergeAbove = double.Parse(value, CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown flag {args[i]}");
            }

            i++;
        }

        return new ProgramArguments(misbehave, at, epochMilliseconds, pidFile, divergeAbove, misbehaveIn);
    }
}
