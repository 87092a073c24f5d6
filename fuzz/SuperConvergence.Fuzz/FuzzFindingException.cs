namespace SuperConvergence.Fuzz;

/// <summary>A documented rejection that broke the one-line rule; escaping the harness, it makes afl save the input.</summary>
internal sealed class FuzzFindingException(string message, Exception inner) : Exception(message, inner);
