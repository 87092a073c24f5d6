namespace SuperConvergence.Core.Trials;

/// <summary>
/// How far a running range test has got: iterations done of those planned, and the newest iteration's LR and loss
/// (the raw loss, NaN once it blew up). <see cref="Accuracy"/> is the newest measured accuracy, null until one is.
/// A range test that diverges stops with <see cref="Iterations"/> below <see cref="PlannedIterations"/>.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("sc.RangeTestProgress")]
public sealed record RangeTestProgress(int Iterations, int PlannedIterations, double LearningRate, double Loss, double? Accuracy = null);

/// <summary>
/// Receives a running range test's progress. Called on the trainer's thread, at most once per iteration: it must
/// return at once and never throw (the worker's implementation keeps only the newest and sends it in the background).
/// </summary>
public interface IRangeTestObserver
{
    void OnRangeTestProgress(RangeTestProgress progress);
}
