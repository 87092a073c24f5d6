using static TorchSharp.torch;

namespace SuperConvergence.Extensibility;

/// <summary>
/// A network the trainer can train, range-test and checkpoint like its own: given a batch of images
/// (N × channels × height × width) the module returns N × classes logits. Implementations need a public
/// parameterless constructor; the host creates one per model it builds, on the training thread.
/// </summary>
public interface IModelFactory
{
    nn.Module<Tensor, Tensor> Create(ModelContext context);
}
