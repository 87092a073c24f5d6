namespace SuperConvergence.Testing.Files;

/// <summary>The plugin assemblies the solution builds (the example and the tests' fixtures), in this test run's configuration.</summary>
public static class PluginAssemblies
{
    public static string Example => Built(Path.Combine("examples", "plugins", "ModelPlugin"), "SuperConvergence.Examples.ModelPlugin");

    public static string Broken => Built(Path.Combine("tests", "Fixtures", "SuperConvergence.Fixtures.BrokenPlugin"), "SuperConvergence.Fixtures.BrokenPlugin");

    public static string OtherContract => Built(Path.Combine("tests", "Fixtures", "SuperConvergence.Fixtures.OtherContractPlugin"), "SuperConvergence.Fixtures.OtherContractPlugin");

    public static string Model(string assembly, string type) => $"plugin:{assembly}#{type}";

    private static string Built(string project, string name)
    {
        // …/tests/SuperConvergence.Training.Tests/bin/{Configuration}/{tfm}/: the plugin projects build beside it.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var root = output.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(root, project, "bin", configuration, framework, name + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built: build SuperConvergence.sln");
    }
}
