namespace SuperConvergence.Training.Data;

/// <summary>Where datasets are cached: $SC_DATA, else ~/.cache/superconvergence.</summary>
public static class DataCache
{
    public const string EnvironmentVariable = "SC_DATA";

    public static string DefaultDirectory()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".cache", "superconvergence");
    }
}
