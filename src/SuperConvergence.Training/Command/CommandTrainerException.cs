namespace SuperConvergence.Training.Command;

/// <summary>
/// A command trainer's trial failed because of its program: one line naming the program, what went wrong and the
/// program's last stderr lines. The trial records it as its error.
/// </summary>
public sealed class CommandTrainerException(string message) : Exception(message);
