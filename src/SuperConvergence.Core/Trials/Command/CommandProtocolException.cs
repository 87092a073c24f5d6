namespace SuperConvergence.Core.Trials.Command;

/// <summary>
/// The program of a command trainer broke the protocol (a line that is not what was due, no line in time, an early
/// exit). The message is one line saying what happened; the trainer adds the program's last stderr lines.
/// </summary>
public sealed class CommandProtocolException(string message) : Exception(message);
