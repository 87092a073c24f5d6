using SuperConvergence.Core.Trials;

namespace SuperConvergence.Training.Models.TorchScript;

/// <summary>A TorchScript model that cannot be used; <see cref="Problem"/> follows the model's name, as for plugins.</summary>
public sealed class TorchScriptModelException(TorchScriptModelReference reference, string problem, Exception? inner = null)
    : Exception($"model '{reference.ModelName}' {problem}", inner)
{
    public string Problem { get; } = problem;
}
