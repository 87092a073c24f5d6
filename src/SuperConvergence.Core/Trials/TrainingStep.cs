namespace SuperConvergence.Core.Trials;

/// <summary>
/// Where a training run stands after an optimizer step: what live views show between epoch reports, which a
/// trainer knows and the worker does not (steps per epoch depend on the data and the batch size).
/// </summary>
/// <param name="StepsTaken">Optimizer steps taken since the cycle began (1 after the first).</param>
/// <param name="CycleSteps">The optimizer steps of the whole cycle.</param>
/// <param name="Epoch">The epoch the step belongs to (from 1).</param>
/// <param name="LearningRate">The LR the optimizer used for the step.</param>
/// <param name="Momentum">The momentum (SGD) or β₁ (Adam-style) the optimizer used for the step.</param>
public readonly record struct TrainingStep(long StepsTaken, long CycleSteps, int Epoch, double LearningRate, double Momentum);
