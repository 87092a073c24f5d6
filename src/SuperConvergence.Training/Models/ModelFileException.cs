namespace SuperConvergence.Training.Models;

/// <summary>
/// A model read from a file (a plugin's, a TorchScript module) that cannot be used. <see cref="Problem"/> is a phrase
/// that follows the model's name ("names type 'X', which …"), so a spec's error line, <c>--model</c>'s and a failed
/// trial's cause all read as one line.
/// </summary>
public sealed class ModelFileException(string modelName, string problem, Exception? inner = null)
    : Exception($"model '{modelName}' {problem}", inner)
{
    public string Problem { get; } = problem;
}
