namespace SuperConvergence.Training.Data;

/// <summary>
/// A dataset file that cannot be read as what it claims to be. The message always names the file and
/// what is wrong with it, so a user can tell a truncated download from a wrong file.
/// </summary>
public sealed class DatasetFormatException : Exception
{
    public DatasetFormatException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        FilePath = path;
        Problem = problem;
    }

    public string FilePath { get; }

    public string Problem { get; }
}
