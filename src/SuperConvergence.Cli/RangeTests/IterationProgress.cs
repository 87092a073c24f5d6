using Spectre.Console;

namespace SuperConvergence.Cli.RangeTests;

/// <summary>
/// A progress bar over a run's iterations at a terminal (`sc rangetest run`, `sc rangetest hessian`), its text from
/// each iteration's report; no callback and nothing on stdout otherwise, which carries only the result.
/// </summary>
internal static class IterationProgress
{
    public static async Task<TResult> RunAsync<TIteration, TResult>(
        CliConsole console,
        string label,
        int iterations,
        Func<TIteration, string> describe,
        Func<Action<TIteration>?, Task<TResult>> run)
    {
        if (!console.AllowsDecoration)
        {
            return await run(null);
        }

        return await SweepTables.ConsoleFor(console).Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask(label, maxValue: iterations);
                return await run(iteration =>
                {
                    bar.Description = string.Create(CultureInfo.InvariantCulture, $"{label}: {describe(iteration)}");
                    bar.Increment(1);
                });
            });
    }
}
