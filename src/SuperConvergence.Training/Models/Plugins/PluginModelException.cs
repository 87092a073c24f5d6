using SuperConvergence.Core.Trials;

namespace SuperConvergence.Training.Models.Plugins;

/// <summary>
/// A plugin model that cannot be used. <see cref="Problem"/> is a phrase that follows the model's name ("names type 'X',
/// which …"), so a spec's error line, <c>--model</c>'s and a failed trial's cause all read as one line.
/// </summary>
public sealed class PluginModelException(PluginModelReference reference, string problem, Exception? inner = null)
    : Exception($"model '{reference.ModelName}' {problem}", inner)
{
    public string Problem { get; } = problem;
}
