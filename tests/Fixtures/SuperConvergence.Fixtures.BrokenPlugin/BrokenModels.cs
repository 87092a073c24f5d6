using SuperConvergence.Extensibility;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

[assembly: SuperConvergencePlugin(PluginContract.Version)]

namespace SuperConvergence.Fixtures.BrokenPlugin;

/// <summary>Seven logits whatever the dataset's classes.</summary>
public sealed class SevenLogits : IModelFactory
{
    public Module<Tensor, Tensor> Create(ModelContext context) =>
        Sequential(("flatten", Flatten()), ("classifier", Linear(context.Channels * context.Height * context.Width, 7)));
}

/// <summary>A public type that is not a model factory.</summary>
public sealed class NotAFactory
{
    public override string ToString() => "not a factory";
}

/// <summary>A factory whose construction fails.</summary>
public sealed class ThrowingFactory : IModelFactory
{
    public Module<Tensor, Tensor> Create(ModelContext context) => throw new InvalidOperationException("no network for you");
}
