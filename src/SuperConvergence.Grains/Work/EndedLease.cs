namespace SuperConvergence.Grains.Work;

/// <summary>
/// A lease that ended, and why its item went back to the queue (a <see cref="RequeueCauses"/> label, the cause counted
/// even when a withdrawn sweep's item is not actually requeued); no cause when its worker finished with it.
/// </summary>
internal sealed record EndedLease(WorkLease Lease, string? Cause);
