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

    /// <summary><see cref="Run"/> as a spec writes it: a YAML flow list of JSON strings.</summary>
    public static string SpecList(params string[] flags) => SpecListOf(Run(flags));

    /// <summary>Any command line as a spec's <c>trainer.run</c> writes it.</summary>
    public static string SpecListOf(IEnumerable<string> run) => "[" + string.Join(", ", run.Select(a => System.Text.Json.JsonSerializer.Serialize(a))) + "]";
}
