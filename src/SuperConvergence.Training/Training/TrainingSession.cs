using System.Diagnostics;
using SuperConvergence.Training.Checkpoints;
using static TorchSharp.torch;

namespace SuperConvergence.Training.Training;

/// <summary>
/// One training run's live state on its device: model, optimiser, data, schedule and the generator every random
/// draw (shuffling, augmentation) comes from. Advances an epoch at a time, or part of one when preempted; checkpoints
/// capture all of it (inside an epoch also the epoch's data order and its loss so far), so a restored session
/// continues exactly where the saved one stood. Not thread-safe: one caller at a time.
/// </summary>
public sealed class TrainingSession : IDisposable
{
    private readonly TrainingComponents _components;
    private readonly ITrainingSchedule _schedule;
    private readonly string _datasetName;
    private readonly string? _datasetContent;

    private TrainingSession(TrainingPlan plan, TrainingComponents components, ITrainingSchedule schedule, DatasetDefinition dataset)
    {
        Plan = plan;
        _datasetName = dataset.DisplayName;
        _datasetContent = dataset.ContentFingerprint;
        this._components = components;
        this._schedule = schedule;
        StepsPerEpoch = EpochBatches.StepsPerEpoch(components.Train.Count, plan.BatchSize);
    }

    public TrainingPlan Plan { get; }

    public int StepsPerEpoch { get; }

    /// <summary>The plan's fingerprint and, for a user's dataset, the content fingerprint of the files it trains on.</summary>
    private string CheckpointFingerprint => CheckpointDatasetContent.Append(Plan.Fingerprint, _datasetContent);

    public int TotalSteps => StepsPerEpoch * Plan.Epochs;

    public int CompletedEpochs { get; private set; }

    /// <summary>Steps done of the epoch after <see cref="CompletedEpochs"/>: above 0 only when a preempted epoch paused.</summary>
    public int StepInEpoch => _pausedEpoch?.StepInEpoch ?? 0;

    /// <summary>The next step's index.</summary>
    public int Step => (CompletedEpochs * StepsPerEpoch) + StepInEpoch;

    // Where a preempted (or restored mid-epoch) epoch stands; null at an epoch boundary.
    private EpochProgress? _pausedEpoch;

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
        var components = TrainingComponents.Create(setup, dataset, data.Train, data.Test, schedule.At(0), device, data.Validation, data.Statistics);
        return new TrainingSession(plan, components, schedule, dataset);
    }

    /// <summary>The settings the optimiser's parameter groups hold now: those of the last step taken.</summary>
    internal IReadOnlyList<ScheduleValue> OptimizerSettingsNow => _components.Optimizer.GroupSettings();

    /// <summary>
    /// Trains one epoch (the rest of it, when it paused), then evaluates on the test set and, when one was carved, the
    /// validation set. Stops at the first non-finite batch loss and reports it as divergence, as it does a non-finite
    /// test or validation loss. Checks <paramref name="cancellationToken"/> before every step; when
    /// <see cref="TrainingCallbacks.Preemption"/> has fired before a step, pauses there instead and reports
    /// <see cref="EpochReport.Paused"/> (the next call, or a checkpoint, continues from that step).
    /// </summary>
    public EpochReport RunEpoch(TrainingCallbacks callbacks, CancellationToken cancellationToken)
    {
        if (IsFinished)
        {
            throw new InvalidOperationException($"the run already completed its {Plan.Epochs} epochs");
        }

        var epoch = CompletedEpochs + 1;
        var firstStep = CompletedEpochs * StepsPerEpoch;
        var clock = Stopwatch.StartNew();
        var progress = _pausedEpoch ?? EpochProgress.Start(_components.DataGenerator);
        _pausedEpoch = null;
        double lossSum = progress.LossSum;
        long images = progress.Images;
        long imagesNow = 0;
        var last = _schedule.At(firstStep + progress.StepInEpoch);
        _components.Model.train();
        using (var epochScope = NewDisposeScope())
        {
            var batches = progress.Batches(_components.Train.Count, Plan.BatchSize, _components.DataGenerator, _components.Device);
            for (var i = progress.StepInEpoch; i < batches.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (callbacks.Preemption.IsCancellationRequested)
                {
                    Pause(progress with { StepInEpoch = i, LossSum = lossSum, Images = images });
                    return EpochReport.Paused;
                }

                var step = firstStep + i;
                last = _schedule.At(step);
                var loss = _components.Step(batches[i], last);
                var batchSize = (int)batches[i].shape[0];
                callbacks.OnIteration(new IterationMetrics(step, epoch, last.LearningRate, last.Momentum, loss, batchSize, TotalSteps));
                if (!float.IsFinite(loss))
                {
                    return new EpochReport(null, null, step);
                }

                lossSum += loss * (double)batchSize;
                images += batchSize;
                imagesNow += batchSize;
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var evaluation = EvaluateTest();
        var validation = _components.EvaluateValidation(Plan.EvaluationBatchSize);
        if (!double.IsFinite(evaluation.Loss) || validation is { Loss: var validationLoss } && !double.IsFinite(validationLoss))
        {
            // Finite batch losses but an infinite evaluation loss: the weights have blown up all the same.
            return new EpochReport(null, null, firstStep + StepsPerEpoch - 1);
        }

        CompletedEpochs = epoch;
        var metrics = new EpochMetrics(
            epoch, lossSum / images, evaluation.Loss, evaluation.Accuracy, last.LearningRate, imagesNow / seconds, validation?.Loss, validation?.Accuracy);
        var checkpoint = callbacks.WantsCheckpoints ? new TrainingCheckpoint(epoch, SaveCheckpoint()) : null;
        return new EpochReport(metrics, checkpoint, null);
    }

    /// <summary>A pause before the epoch's first step is its start: nothing of it to keep.</summary>
    private void Pause(EpochProgress progress)
    {
        if (progress.StepInEpoch == 0)
        {
            progress.Rewind(_components.DataGenerator);
            return;
        }

        _pausedEpoch = progress;
    }

    /// <summary>The model's parameters by name, copied to the host: what two runs are compared by.</summary>
    internal IReadOnlyList<(string Name, float[] Values)> ParameterValues()
    {
        using var scope = NewDisposeScope();
        return [.. _components.Model.named_parameters().Select(p => (p.name, p.parameter.detach().cpu().data<float>().ToArray()))];
    }

    public Evaluation EvaluateTest() => _components.Evaluate(Plan.EvaluationBatchSize);

    /// <summary>
    /// Everything needed to continue this run exactly: position, generator state, model, optimiser; paused inside an
    /// epoch, also the generator state the epoch's data order was drawn from and the epoch's loss so far.
    /// </summary>
    public byte[] SaveCheckpoint()
    {
        using var buffer = new MemoryStream();
        WriteCheckpoint(buffer);
        return buffer.ToArray();
    }

    public void WriteCheckpoint(Stream stream)
    {
        using var scope = NewDisposeScope();
        CheckpointEnvelope.Write(stream, new CheckpointEnvelope.Header(CheckpointFingerprint, CompletedEpochs, Step, StepInEpoch), writer =>
        {
            using (var state = _components.DataGenerator.get_state())
            {
                CheckpointEnvelope.WriteBlob(writer, state.bytes);
            }

            _components.Model.save(writer);
            _components.Optimizer.Save(writer);
            _pausedEpoch?.Write(writer);
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
        CheckpointDatasetContent.Verify(header.Fingerprint, _datasetName, _datasetContent);
        if (header.Fingerprint != CheckpointFingerprint)
        {
            throw new CheckpointMismatchException($"checkpoint belongs to a different run: {CheckpointEnvelope.DescribeDifference(CheckpointFingerprint, header.Fingerprint)}");
        }

        if (header.CompletedEpochs < 0 || header.CompletedEpochs > Plan.Epochs || header.StepInEpoch < 0 || header.StepInEpoch >= StepsPerEpoch
            || (header.StepInEpoch > 0 && header.CompletedEpochs == Plan.Epochs) || header.Step != (header.CompletedEpochs * StepsPerEpoch) + header.StepInEpoch)
        {
            throw new CheckpointMismatchException($"checkpoint position (epoch {header.CompletedEpochs}, step {header.Step}) does not fit this run's {Plan.Epochs} epochs of {StepsPerEpoch} steps");
        }

        var generatorState = CheckpointEnvelope.ReadBlob(reader);
        EpochProgress? paused = null;
        try
        {
            using (var state = tensor(generatorState, ScalarType.Byte))
            {
                _components.DataGenerator.set_state(state);
            }

            _components.Model.load(reader, strict: true);
            _components.Optimizer.Load(reader, _components.Device);
            if (header.StepInEpoch > 0)
            {
                paused = EpochProgress.Read(reader, header.StepInEpoch);
            }
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or InvalidOperationException or IOException or System.Runtime.InteropServices.ExternalException)
        {
            throw new CheckpointMismatchException($"checkpoint is corrupt or truncated: {e.Message}");
        }

        CheckpointEnvelope.ReadEnd(reader);
        CompletedEpochs = header.CompletedEpochs;
        _pausedEpoch = paused;
    }

    public void Dispose() => _components.Dispose();
}
