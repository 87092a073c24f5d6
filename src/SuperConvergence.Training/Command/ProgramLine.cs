namespace SuperConvergence.Training.Command;

/// <summary>One non-blank stdout line of a command trainer's program and its number on stdout (from 1).</summary>
internal readonly record struct ProgramLine(int Number, string Text);
