namespace SuperConvergence.Silo.Persistence.Checkpoints;

/// <summary>
/// The reference a checkpoint store hands out: "store:epoch:trialId". The store name comes first so that a
/// reference is never misread by another kind of store; the trial id comes last so it may contain anything.
/// </summary>
internal readonly record struct CheckpointReference(string Store, int Epoch, string TrialId)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Store}:{Epoch}:{TrialId}");

    public static CheckpointReference Parse(string reference, string expectedStore)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var parts = reference.Split(':', 3);
        if (parts.Length != 3
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
            || parts[2].Length == 0)
        {
            throw new ArgumentException($"checkpoint reference '{reference}' is not of the form store:epoch:trialId", nameof(reference));
        }

        if (parts[0] != expectedStore)
        {
            throw new ArgumentException($"checkpoint reference '{reference}' belongs to the '{parts[0]}' checkpoint store, not to this '{expectedStore}' store", nameof(reference));
        }

        return new CheckpointReference(parts[0], epoch, parts[2]);
    }

    /// <summary>Argument checks every store applies to a save, so that all of them reject the same input.</summary>
    public static void ValidateSave(string trialId, int epoch, byte[] state)
    {
        ValidateTrialId(trialId);
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        ArgumentNullException.ThrowIfNull(state);
    }

    public static void ValidateTrialId(string trialId)
    {
        ArgumentNullException.ThrowIfNull(trialId);
        if (trialId.Length == 0)
        {
            throw new ArgumentException("trial id '' is empty", nameof(trialId));
        }
    }
}
