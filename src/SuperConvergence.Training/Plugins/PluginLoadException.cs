namespace SuperConvergence.Training.Plugins;

/// <summary>
/// A plugin assembly or type that cannot be used. The message is a phrase that follows what named it ("names plugin
/// 'X', which …"): a model's or a dataset's exception puts its own name in front.
/// </summary>
public sealed class PluginLoadException(string problem, Exception? inner = null) : Exception(problem, inner);
