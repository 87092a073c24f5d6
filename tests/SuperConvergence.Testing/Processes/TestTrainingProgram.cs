namespace SuperConvergence.Testing.Processes;

/// <summary>
/// The command line of tests/SuperConvergence.CommandTrainerProgram, the training program the command trainer's tests
/// run (built beside the test project that references it): <c>dotnet PROGRAM.dll FLAGS…</c>.
/// </summary>
public static class TestTrainingProgram
{
    public static string Assembly => Path.Combine(AppContext.BaseDirectory, "SuperConvergence.CommandTrainerProgram.dll");

    /// <summary>The run list of a spec's <c>trainer.run</c>, with <paramref name="flags"/> (e.g. "--misbehave", "hang").</summary>
    public static string[] Run(params string[] flags) => ["dotnet", Assembly, .. flags];
}
