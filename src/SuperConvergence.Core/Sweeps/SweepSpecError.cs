namespace SuperConvergence.Core.Sweeps;

/// <summary>
/// One problem with a sweep spec: the field's path (e.g. <c>searchSpace.maxLr.min</c>, <c>searchSpace.batchSize[1]</c>),
/// the value as the user wrote it, and what is wrong with it. <see cref="ToString"/> is the one-line message: a line
/// break or control character the spec's text carried (in a key, a value, a problem quoting either) shows escaped.
/// </summary>
public sealed record SweepSpecError(string Field, string Value, string Problem)
{
    public override string ToString() => OneLineText.Of($"{Field}: {Value} {Problem}");
}

/// <summary>
/// A sweep spec that cannot be run. The message is one line naming the field and the value; <see cref="Errors"/>
/// lists every problem the validator found (the first is the one in the message).
/// </summary>
public sealed class SweepSpecException : Exception
{
    public SweepSpecException(SweepSpecError error)
        : this([error])
    {
    }

    public SweepSpecException(IReadOnlyList<SweepSpecError> errors)
        : base(FirstOf(errors).ToString())
    {
        Errors = errors;
    }

    public SweepSpecException(string field, string value, string problem)
        : this(new SweepSpecError(field, value, problem))
    {
    }

    public string Field => Errors[0].Field;

    public string Value => Errors[0].Value;

    public string Problem => Errors[0].Problem;

    public IReadOnlyList<SweepSpecError> Errors { get; }

    private static SweepSpecError FirstOf(IReadOnlyList<SweepSpecError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count > 0 ? errors[0] : throw new ArgumentException("A spec exception needs at least one error.", nameof(errors));
    }
}
