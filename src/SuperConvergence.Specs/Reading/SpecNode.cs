namespace SuperConvergence.Core.Sweeps.Reading;

/// <summary>
/// A format-neutral view of a parsed spec document, so YAML and JSON share one binder (and one set of messages).
/// </summary>
internal abstract record SpecNode
{
    /// <summary>The value as the user wrote it, for error messages.</summary>
    public abstract string Display { get; }
}

internal sealed record SpecMapping(IReadOnlyList<KeyValuePair<string, SpecNode>> Entries) : SpecNode
{
    public override string Display => "{...}";
}

internal sealed record SpecSequence(IReadOnlyList<SpecNode> Items) : SpecNode
{
    public override string Display => "[...]";
}

/// <summary>How a scalar was written: quoted text, a JSON number or boolean, a null, or YAML's untyped plain text.</summary>
internal enum ScalarStyle
{
    Null,
    Text,
    Number,
    Boolean,
    Plain,
}

internal sealed record SpecScalar(string Text, ScalarStyle Style) : SpecNode
{
    public override string Display => Style switch
    {
        ScalarStyle.Null => "null",
        ScalarStyle.Text => $"'{Text}'",
        _ => Text,
    };

    public bool IsNull => Style == ScalarStyle.Null;
}
