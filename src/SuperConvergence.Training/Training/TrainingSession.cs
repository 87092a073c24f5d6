using System.Diagnostics;
using SuperConvergence.Core.Schedules;
using SuperConvergence.Core.Trials;
using SuperConvergence.Training.Checkpoints;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Data.Tensors;
using static TorchSharp.torch;

namespace SuperConvergence.Training.Training;

/// <summary>
/// One training run's live state on its device: model, optimiser, data, schedule and the generator every random
/// draw (shuffling, augmentation) comes from. Advances an epoch at a time; checkpoints capture all of it, so a
/// restored session continues exactly where the saved one stood. Not thread-safe: one caller at a time.
/// </summary>
public sealed class TrainingSession : IDisposable
{
    private readonly TrainingComponents components;
    private readonly ITrainingSchedule schedule;

    private TrainingSession(TrainingPlan plan, TrainingComponents components, ITrainingSchedule schedule)
    {
        Plan = plan;
        this.components = components;
        this.schedule = schedule;
        StepsPerEpoch = EpochBatches.StepsPerEpoch(components.Train.Count, plan.BatchSize);
    }

    public TrainingPlan Plan { get; }

    public int StepsPerEpoch { get; }

    public int TotalSteps => StepsPerEpoch * Plan.Epochs;

    public int CompletedEpochs { get; private set; }

    /// <summary>The next step's index: sessions only pause at epoch boundaries.</summary>
    public int Step => CompletedEpochs * StepsPerEpoch;

    public bool IsFinished => CompletedEpochs >= Plan.Epochs;

    /// <summary>Uploads the data, builds and initialises the model from the plan's seed.</summary>
    public static TrainingSession Create(TrainingPlan plan, DatasetDefinition dataset, PreparedData data, Device device)
    {
        plan.Validate();
        var steps = EpochBatches.StepsPerEpoch(data.Train.Count, plan.BatchSize) * plan.Epochs;
        var schedule = plan.Schedule.Build(steps);
        if (schedule.TotalSteps < steps)
        {
            throw new ArgumentException($"schedule '{plan.Schedule.Description}' covers {schedule.TotalSteps} steps, the run needs {steps}", nameof(plan));
        }

        var setup = new ModelSetup(plan.Model, plan.WidthMultiplier, plan.Optimizer, plan.Seed);
        var components = TrainingComponents.Create(setup, dataset, data.Train, data.Test, schedule.At(0), device, data.Validation);
        return new TrainingSession(plan, components, schedule);
    }

    /// <summary>The settings the optimiser's parameter groups hold now: those of the last step taken.</summary>
    internal IReadOnlyList<ScheduleValue> OptimizerSettingsNow => components.Optimizer.GroupSettings();

    /// <summary>
    /// Trains one epoch, then evaluates on the test set and, when one was carved, the validation set. Stops at the
    /// first non-finite batch loss and reports it as divergence, as it does a non-finite test or validation loss.
    /// Checks <paramref name="cancellationToken"/> before every step.
    /// </summary>
    public EpochReport RunEpoch(TrainingCallbacks callbacks, CancellationToken cancellationToken)
    {
        if (IsFinished)
        {
            throw new InvalidOperationException($"the run already completed its {Plan.Epochs} epochs");
        }

        var epoch = CompletedEpochs + 1;
        var firstStep = Step;
        var clock = Stopwatch.StartNew();
        double lossSum = 0;
        long images = 0;
        var last = schedule.At(firstStep);
        components.Model.train();
        using (var epochScope = NewDisposeScope())
        {
            var batches = EpochBatches.Shuffled(components.Train.Count, Plan.BatchSize, components.DataGenerator, components.Device);
            for (var i = 0; i < batches.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var step = firstStep + i;
                last = schedule.At(step);
                var loss = components.Step(batches[i], last);
                var batchSize = (int)batches[i].shape[0];
                callbacks.OnIteration(new IterationMetrics(step, epoch, last.LearningRate, last.Momentum, loss, batchSize, TotalSteps));
                if (!float.IsFinite(loss))
                {
                    return new EpochReport(null, null, step);
                }

                lossSum += loss * (double)batchSize;
                images += batchSize;
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var evaluation = EvaluateTest();
        var validation = components.EvaluateValidation(Plan.EvaluationBatchSize);
        if (!double.IsFinite(evaluation.Loss) || validation is { Loss: var validationLoss } && !double.IsFinite(validationLoss))
        {
            // Finite batch losses but an infinite evaluation loss: the weights have blown up all the same.
            return new EpochReport(null, null, firstStep + StepsPerEpoch - 1);
        }

        CompletedEpochs = epoch;
        var metrics = new EpochMetrics(
            epoch, lossSum / images, evaluation.Loss, evaluation.Accuracy, last.LearningRate, images / seconds, validation?.Loss, validation?.Accuracy);
        var checkpoint = callbacks.WantsCheckpoints ? new TrainingCheckpoint(epoch, SaveCheckpoint()) : null;
        return new EpochReport(metrics, checkpoint, null);
    }

    public Evaluation EvaluateTest() => components.Evaluate(Plan.EvaluationBatchSize);

    /// <summary>Everything needed to continue this run exactly: position, generator state, model, optimiser.</summary>
    public byte[] SaveCheckpoint()
    {
        using var buffer = new MemoryStream();
        WriteCheckpoint(buffer);
        return buffer.ToArray();
    }

    public void WriteCheckpoint(Stream stream)
    {
        using var scope = NewDisposeScope();
        CheckpointEnvelope.Write(stream, new CheckpointEnvelope.Header(Plan.Fingerprint, CompletedEpochs, Step), writer =>
        {
            using (var state = components.DataGenerator.get_state())
            {
                CheckpointEnvelope.WriteBlob(writer, state.bytes);
            }

            components.Model.save(writer);
            components.Optimizer.Save(writer);
        });
    }

    public void RestoreCheckpoint(byte[] checkpoint)
    {
        using var stream = new MemoryStream(checkpoint, writable: false);
        RestoreCheckpoint(stream);
    }

    /// <summary>Continues from a checkpoint this plan wrote; refuses one from a different plan or a damaged one.</summary>
    public void RestoreCheckpoint(Stream stream)
    {
        var (header, reader) = CheckpointEnvelope.Open(stream);
        using var body = reader;
        if (header.Fingerprint != Plan.Fingerprint)
        {
            throw new CheckpointMismatchException($"checkpoint belongs to a different run: {CheckpointEnvelope.DescribeDifference(Plan.Fingerprint, header.Fingerprint)}");
        }

        if (header.CompletedEpochs < 0 || header.CompletedEpochs > Plan.Epochs || header.Step != header.CompletedEpochs * StepsPerEpoch)
        {
            throw new CheckpointMismatchException($"checkpoint position (epoch {header.CompletedEpochs}, step {header.Step}) does not fit this run's {Plan.Epochs} epochs of {StepsPerEpoch} steps");
        }

        var generatorState = CheckpointEnvelope.ReadBlob(reader);
        try
        {
            using (var state = tensor(generatorState, ScalarType.Byte))
            {
                components.DataGenerator.set_state(state);
            }

            components.Model.load(reader, strict: true);
            components.Optimizer.Load(reader, components.Device);
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or InvalidOperationException or IOException or System.Runtime.InteropServices.ExternalException)
        {
            throw new CheckpointMismatchException($"checkpoint is corrupt or truncated: {e.Message}");
        }

        CheckpointEnvelope.ReadEnd(reader);
        CompletedEpochs = header.CompletedEpochs;
    }

    public void Dispose() => components.Dispose();
}
