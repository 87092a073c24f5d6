using static TorchSharp.torch;

namespace SuperConvergence.Training.Training;

/// <summary>Mean cross-entropy and top-1 accuracy of a model over a whole image set.</summary>
public readonly record struct Evaluation(double Loss, double Accuracy, int Count);

internal static class Evaluator
{
    /// <summary>Evaluates in inference mode (batch norm uses running statistics) without building a graph.</summary>
    public static Evaluation Evaluate(nn.Module<Tensor, Tensor> model, DeviceImageSet images, int batchSize)
    {
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            double lossSum = 0;
            long correct = 0;
            foreach (var (start, end) in images.SequentialRanges(batchSize))
            {
                using var scope = NewDisposeScope();
                var (inputs, labels) = images.Batch(images.Indices(start, end), Augmentation.None, generator: null);
                var logits = model.call(inputs);
                lossSum += nn.functional.cross_entropy(logits, labels, reduction: nn.Reduction.Sum).item<float>();
                correct += logits.argmax(1).eq(labels).sum().item<long>();
            }

            return new Evaluation(lossSum / images.Count, (double)correct / images.Count, images.Count);
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
