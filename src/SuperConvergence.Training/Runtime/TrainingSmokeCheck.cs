using static TorchSharp.torch;

namespace SuperConvergence.Training.Runtime;

/// <summary>
/// A few real SGD steps on a tiny regression model with a fixed seed: proves that forward, backward
/// and optimiser steps work on this host, which merely loading libtorch does not.
/// </summary>
public static class TrainingSmokeCheck
{
    public sealed record Result(double InitialLoss, double FinalLoss, int Steps)
    {
        public bool LossDecreased => FinalLoss < InitialLoss;
    }

    public static Result Run(int steps = 20, double learningRate = 0.1, long seed = 7)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        using var generator = new Generator((ulong)seed);
        using var outer = NewDisposeScope();

        var inputs = randn([256, 8], generator: generator);
        var trueWeights = randn([8, 1], generator: generator);
        var targets = inputs.matmul(trueWeights);

        using var model = nn.Sequential(("fc1", nn.Linear(8, 16)), ("act", nn.Tanh()), ("fc2", nn.Linear(16, 1)));
        // Weights from the check's own generator, not libtorch's global one that concurrent model builds also draw from.
        ParameterInitialisation.Apply(model, generator);
        using var optimizer = optim.SGD(model.parameters(), learningRate, momentum: 0.9);
        var lossFunction = nn.MSELoss();

        double initial = double.NaN, final = double.NaN;
        for (var step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = lossFunction.forward(model.forward(inputs), targets);
            loss.backward();
            optimizer.step();
            var value = loss.item<float>();
            if (step == 0)
            {
                initial = value;
            }

            final = value;
        }

        return new Result(initial, final, steps);
    }
}
