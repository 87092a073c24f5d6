using static TorchSharp.torch;

namespace SuperConvergence.Training.Models.TorchScript;

/// <summary>
/// A loaded TorchScript module as the trainer's <c>nn.Module</c>: the scripted module is its one child, so its
/// parameters, state dict (names prefixed <c>script.</c>), device moves and train/eval modes are the trainer's as for
/// any model, and checkpoints save and restore it like the built-in networks.
/// </summary>
internal sealed class TorchScriptNetwork : nn.Module<Tensor, Tensor>
{
    private readonly jit.ScriptModule<Tensor, Tensor> script;

    public TorchScriptNetwork(string name, jit.ScriptModule<Tensor, Tensor> script)
        : base(name)
    {
        this.script = script;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => script.call(input);

    // Module.Dispose disposes each module as it enumerates them, and the scripted module lists its own through its
    // native handle, which its disposal closes: enumerate them all before any is disposed.
    public override IEnumerable<(string name, nn.Module module)> named_modules() => [.. base.named_modules()];
}
