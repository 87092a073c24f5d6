using System.Globalization;

namespace SuperConvergence.CommandTrainerProgram;

/// <summary>The test program's flags: how (and at which epoch or iteration) to misbehave, how long an epoch takes.</summary>
internal sealed record ProgramArguments(string? Misbehave, int At, int EpochMilliseconds, string? PidFile, double DivergeAbove)
{
    public static ProgramArguments Parse(string[] args)
    {
        string? misbehave = null;
        string? pidFile = null;
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
                case "--diverge-above": divergeAbove = double.Parse(value, CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown flag {args[i]}");
            }

            i++;
        }

        return new ProgramArguments(misbehave, at, epochMilliseconds, pidFile, divergeAbove);
    }
}
