using static TorchSharp.torch;

namespace SuperConvergence.Training.Training;

/// <summary>What a model needs to learn on a device: the network, its optimiser, the data and a generator for every random draw.</summary>
public sealed record ModelSetup(string Model, double WidthMultiplier, OptimizerSettings Optimizer, int Seed);

/// <summary>
/// The model, optimiser, device-resident data and data generator that both full training runs and LR range
/// tests drive, with the one optimisation step they share.
/// </summary>
internal sealed class TrainingComponents : IDisposable
{
    private TrainingComponents(
        nn.Module<Tensor, Tensor> model,
        ScheduledOptimizer optimizer,
        Generator dataGenerator,
        DeviceImageSet train,
        DeviceImageSet evaluation,
        DeviceImageSet? validation,
        Augmentation augmentation,
        Device device)
    {
        Model = model;
        Optimizer = optimizer;
        DataGenerator = dataGenerator;
        Train = train;
        EvaluationSet = evaluation;
        ValidationSet = validation;
        Augmentation = augmentation;
        Device = device;
    }

    public nn.Module<Tensor, Tensor> Model { get; }

    public ScheduledOptimizer Optimizer { get; }

    /// <summary>Drives shuffling and augmentation; its state is part of a checkpoint.</summary>
    public Generator DataGenerator { get; }

    public DeviceImageSet Train { get; }

    public DeviceImageSet EvaluationSet { get; }

    /// <summary>Images carved from train for validation, evaluated beside <see cref="EvaluationSet"/>; null when none were.</summary>
    public DeviceImageSet? ValidationSet { get; }

    public Augmentation Augmentation { get; }

    public Device Device { get; }

    /// <summary>
    /// Uploads train, evaluation and (when given) validation images, all normalised with the given statistics (a user's
    /// dataset's, cached beside it) or else the training set's, and builds the model from the seed.
    /// </summary>
    public static TrainingComponents Create(
        ModelSetup setup,
        DatasetDefinition dataset,
        LabelledImages train,
        LabelledImages evaluation,
        ScheduleValue initial,
        Device device,
        LabelledImages? validation = null,
        ChannelStatistics? statistics = null)
    {
        statistics ??= ChannelStatistics.Of(train);
        DeviceImageSet? trainOnDevice = null, evaluationOnDevice = null, validationOnDevice = null;
        nn.Module<Tensor, Tensor>? model = null;
        try
        {
            trainOnDevice = new DeviceImageSet(train, statistics, device);
            evaluationOnDevice = new DeviceImageSet(evaluation, statistics, device);
            validationOnDevice = validation is null ? null : new DeviceImageSet(validation, statistics, device);
            using (var initGenerator = new Generator(RunSeeds.Initialisation(setup.Seed)))
            {
                model = ModelCatalog.Create(new ModelRequest(setup.Model, train.Shape, train.ClassCount, setup.WidthMultiplier), initGenerator);
            }

            model.to(device);
            model.train();
            var optimizer = ScheduledOptimizer.Create(model.parameters(), setup.Optimizer, initial);
            return new TrainingComponents(
                model, optimizer, new Generator(RunSeeds.Data(setup.Seed)), trainOnDevice, evaluationOnDevice, validationOnDevice,
                dataset.TrainingAugmentation, device);
        }
        catch
        {
            model?.Dispose();
            trainOnDevice?.Dispose();
            evaluationOnDevice?.Dispose();
            validationOnDevice?.Dispose();
            throw;
        }
    }

    /// <summary>One SGD/AdamW step on the images at <paramref name="indices"/> with the given settings; returns the batch loss.</summary>
    public float Step(Tensor indices, ScheduleValue value)
    {
        Optimizer.Apply(value);
        using var scope = NewDisposeScope();
        var (inputs, labels) = Train.Batch(indices, Augmentation, DataGenerator);
        Optimizer.ZeroGrad();
        var loss = nn.functional.cross_entropy(Model.call(inputs), labels);
        loss.backward();
        Optimizer.Step();
        return loss.item<float>();
    }

    public Evaluation Evaluate(int batchSize) => Evaluator.Evaluate(Model, EvaluationSet, batchSize);

    public Evaluation? EvaluateValidation(int batchSize) => ValidationSet is null ? null : Evaluator.Evaluate(Model, ValidationSet, batchSize);

    public void Dispose()
    {
        Optimizer.Dispose();
        Model.Dispose();
        DataGenerator.Dispose();
        Train.Dispose();
        EvaluationSet.Dispose();
        ValidationSet?.Dispose();
    }
}
