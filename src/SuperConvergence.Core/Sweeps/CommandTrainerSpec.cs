namespace SuperConvergence.Core.Sweeps;

/// <summary>
/// The command trainer's settings: Run is the program and its arguments (run as given, no shell); StepsPerEpoch the
/// optimizer steps in one epoch, which sizes the per-step schedule the program is handed; LineTimeout the longest the
/// program may go without a stdout line (or without exiting after its last one) before its trial fails.
/// </summary>
public sealed record CommandTrainerSpec(IReadOnlyList<string> Run, int StepsPerEpoch, TimeSpan LineTimeout);
