namespace SuperConvergence.Training.Data.Files;

/// <summary>Something wrong with one file or folder of a user's dataset, as one line: the path, then what is wrong.</summary>
public sealed record DatasetProblem(string Path, string Problem)
{
    public override string ToString() => $"{Path}: {Problem}";

    public DatasetFormatException ToException() => new(Path, Problem);
}
