namespace SuperConvergence.Core.Trials;

/// <summary>
/// Which attempt of which trial a trainer runs, for trainers that tell someone (the command trainer names them to the
/// user's program). The orchestration layer passes it when it asks for a trainer.
/// </summary>
public sealed record TrialRun(string SweepId, string TrialId, int Attempt);
