namespace SuperConvergence.Extensibility;

/// <summary>The version of this contract. A plugin records the one it was built against with <see cref="SuperConvergencePluginAttribute"/>; the host loads only its own.</summary>
public static class PluginContract
{
    /// <summary>Raised whenever a type of this assembly changes in a way a built plugin would notice.</summary>
    public const int Version = 1;
}
