namespace SuperConvergence.Cli.Sweeps;

/// <summary>One sweep of `sc sweep list --format json`.</summary>
public sealed record SweepListingDocument(string SweepId, string Name, string State, DateTimeOffset CreatedAt);

/// <summary>What `sc sweep submit --format json` answers: the new sweep's id.</summary>
public sealed record SubmittedSweepDocument(string SweepId);
