namespace SuperConvergence.Extensibility;

/// <summary>Samples and their labels: <c>Features.Length</c> must be <c>Labels.Length</c> × channels × height × width.</summary>
public sealed record SampleSet(float[] Features, int[] Labels);
