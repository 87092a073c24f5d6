using SuperConvergence.Extensibility;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

[assembly: SuperConvergencePlugin(PluginContract.Version + 1)]

namespace SuperConvergence.Fixtures.OtherContractPlugin;

/// <summary>A working network, in an assembly built for another contract.</summary>
public sealed class NextContractModel : IModelFactory
{
    public Module<Tensor, Tensor> Create(ModelContext context) =>
        Sequential(("flatten", Flatten()), ("classifier", Linear(context.Channels * context.Height * context.Width, context.ClassCount)));
}
