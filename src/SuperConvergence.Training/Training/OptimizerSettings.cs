namespace SuperConvergence.Training.Training;

/// <summary>The optimisers the trainer drives.</summary>
public enum OptimizerKind
{
    /// <summary>SGD with (optionally Nesterov) momentum and L2 weight decay, as in the super-convergence paper.</summary>
    Sgd,

    /// <summary>Adam with decoupled weight decay; the schedule's momentum drives beta1.</summary>
    AdamW,
}

/// <summary>Which optimiser and its fixed settings; learning rate and momentum come from the schedule every step.</summary>
public sealed record OptimizerSettings(OptimizerKind Kind, double WeightDecay, bool Nesterov = false, double AdamBeta2 = 0.999, double AdamEpsilon = 1e-8)
{
    public static OptimizerSettings Sgd(double weightDecay, bool nesterov = false) => new(OptimizerKind.Sgd, weightDecay, nesterov);

    /// <summary>Part of a run's checkpoint fingerprint: the same on every machine, whatever its culture.</summary>
    public override string ToString() => Kind switch
    {
        OptimizerKind.Sgd => string.Create(CultureInfo.InvariantCulture, $"sgd(wd={WeightDecay:R}{(Nesterov ? ",nesterov" : "")})"),
        _ => string.Create(CultureInfo.InvariantCulture, $"adamw(wd={WeightDecay:R},beta2={AdamBeta2:R},eps={AdamEpsilon:R})"),
    };
}
