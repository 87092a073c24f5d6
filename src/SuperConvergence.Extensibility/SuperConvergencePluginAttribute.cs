namespace SuperConvergence.Extensibility;

/// <summary>
/// Marks an assembly as a SuperConvergence plugin built against contract <see cref="ContractVersion"/>. Write
/// <c>[assembly: SuperConvergencePlugin(PluginContract.Version)]</c>: the constant is compiled into the plugin, so a
/// host with another contract refuses it by name instead of failing later with a missing method.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class SuperConvergencePluginAttribute(int contractVersion) : Attribute
{
    public int ContractVersion { get; } = contractVersion;
}
