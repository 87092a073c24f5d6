namespace SuperConvergence.Core.Search;

/// <summary>A range test bounds the LR; a training trial runs one full 1cycle.</summary>
public enum TrialKind
{
    RangeTest,
    Train,
}
