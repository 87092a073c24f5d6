namespace SuperConvergence.Core.Search;

/// <summary>A range test bounds the LR; a training trial runs one full 1cycle.</summary>
public enum TrialKind
{
    RangeTest,
    Train,
}

public static class TrialKindExtensions
{
    /// <summary>The name a kind goes by in JSON, tables and metric labels: "range-test" or "train".</summary>
    public static string ToWire(this TrialKind kind) => kind == TrialKind.RangeTest ? "range-test" : "train";
}
