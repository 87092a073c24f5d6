namespace SuperConvergence.Core.Trials.Tabular;

/// <summary>A table file that cannot be used, with one line naming the file, the field and what is wrong.</summary>
public sealed class TrialTableFormatException(string message) : Exception(message);
