namespace SuperConvergence.Core.RangeTests;

/// <summary>
/// One iteration of an LR range test: the learning rate used, the training loss it produced and,
/// where the run measured it (the paper does, at intervals), validation accuracy.
/// </summary>
public readonly record struct RangeTestPoint(double LearningRate, double Loss, double? Accuracy = null);
