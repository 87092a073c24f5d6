namespace SuperConvergence.Core.Sweeps;

/// <summary>
/// How large a spec may be (docs/sweep-spec.md, "Limits"). Each bounds memory or work a client could otherwise make a
/// coordinator spend — the spec text is parsed and kept in grain state, every list multiplies the cells a strategy
/// plans over — and each is far beyond any real sweep. The sweep's name becomes part of sweep and trial ids, which
/// name folders and files, hence its characters.
/// </summary>
public static class SweepSpecLimits
{
    /// <summary>The spec's text, in characters (1 Mi).</summary>
    public const int MaxSpecCharacters = 1 << 20;

    /// <summary>The sweep's name, and the model's and dataset's, in characters.</summary>
    public const int MaxNameLength = 100;

    /// <summary>The name of a model or dataset read from a file (<c>plugin:PATH#TYPE</c>, <c>torchscript:PATH</c>), in characters: paths may be long.</summary>
    public const int MaxModelFileNameLength = 2_000;

    /// <summary>The values of each list of the search space (weight decays, batch sizes, cycle lengths).</summary>
    public const int MaxChoices = 1_000;

    /// <summary>The command trainer's optimizer steps per epoch.</summary>
    public const int MaxCommandStepsPerEpoch = 1_000_000;

    /// <summary>
    /// Rows of the schedule file the command trainer writes for a trial (steps per epoch × cycle epochs): 10 million
    /// rows are about 400 MB of CSV on the worker's disk.
    /// </summary>
    public const int MaxCommandScheduleSteps = 10_000_000;

    /// <summary>The command trainer's longest wait for a line.</summary>
    public static TimeSpan MaxCommandLineTimeout { get; } = TimeSpan.FromDays(7);

    /// <summary>A name a sweep id may carry into folder and file names: letters, digits, '.', '_' and '-', starting with a letter or digit.</summary>
    public static bool IsFolderSafeName(string name) =>
        name.Length > 0 && char.IsAsciiLetterOrDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
