using SuperConvergence.Extensibility;

// The contract this plugin was built against: the host refuses a plugin of another contract by name.
[assembly: SuperConvergencePlugin(PluginContract.Version)]
