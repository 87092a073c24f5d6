namespace SuperConvergence.Training.Command;

/// <summary>
/// Where and how a worker runs command-trainer programs: WorkDirectory holds one directory per running attempt
/// (deleted when it ends); StopGrace is how long a program has between SIGTERM and SIGKILL; the clock times the
/// per-line timeout (tests pass a fake one).
/// </summary>
public sealed record CommandTrainerOptions(string WorkDirectory)
{
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(10);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
