namespace SuperConvergence.Cli.Schedules;

/// <summary>One step of `sc schedule --format json`: the LR and momentum the optimizer uses at that step.</summary>
public sealed record ScheduleStepDocument(int Step, double Lr, double Momentum);
