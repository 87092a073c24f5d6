using static TorchSharp.torch;

namespace SuperConvergence.Training.Training;

/// <summary>
/// A TorchSharp optimiser whose learning rate and momentum (SGD momentum, or Adam's beta1) are set from the
/// schedule before every step, as 1cycle requires: TorchSharp's own LR schedulers cannot move momentum.
/// </summary>
internal sealed class ScheduledOptimizer : IDisposable
{
    private readonly OptimizerHelper _optimizer;

    private ScheduledOptimizer(OptimizerHelper optimizer) => this._optimizer = optimizer;

    public static ScheduledOptimizer Create(IEnumerable<Parameter> parameters, OptimizerSettings settings, ScheduleValue initial)
    {
        if (settings.Kind == OptimizerKind.Sgd && settings.Nesterov && initial.Momentum <= 0)
        {
            throw new ArgumentException("Nesterov momentum needs a momentum above zero", nameof(initial));
        }

        OptimizerHelper optimizer = settings.Kind switch
        {
            OptimizerKind.Sgd => optim.SGD(parameters, initial.LearningRate, initial.Momentum, weight_decay: settings.WeightDecay, nesterov: settings.Nesterov),
            OptimizerKind.AdamW => optim.AdamW(parameters, initial.LearningRate, initial.Momentum, settings.AdamBeta2, settings.AdamEpsilon, settings.WeightDecay),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Kind, "unknown optimiser"),
        };
        return new ScheduledOptimizer(optimizer);
    }

    public void Apply(ScheduleValue value)
    {
        foreach (var group in _optimizer.ParamGroups.Cast<ParamGroup>())
        {
            group.LearningRate = value.LearningRate;
            switch (group.Options)
            {
                case SGD.Options sgd:
                    sgd.momentum = value.Momentum;
                    break;
                case AdamW.Options adam:
                    adam.beta1 = value.Momentum;
                    break;
            }
        }
    }

    /// <summary>The LR and momentum (SGD) or beta1 (AdamW) of every parameter group, read back from the optimiser.</summary>
    public IReadOnlyList<ScheduleValue> GroupSettings() =>
        [.. _optimizer.ParamGroups.Cast<ParamGroup>().Select(group => new ScheduleValue(group.LearningRate, group.Options switch
        {
            SGD.Options sgd => sgd.momentum!.Value,
            AdamW.Options adam => adam.beta1!.Value,
            var other => throw new InvalidOperationException($"unexpected optimiser options {other.GetType().Name}"),
        }))];

    public void ZeroGrad() => _optimizer.zero_grad();

    public void Step() => _optimizer.step();

    public void Save(BinaryWriter writer) => _optimizer.save_state_dict(writer);

    public void Load(BinaryReader reader, Device device)
    {
        _optimizer.load_state_dict(reader);
        _optimizer.to(device);
    }

    public void Dispose() => _optimizer.Dispose();
}
