using System.CommandLine.Parsing;
using SuperConvergence.Cli.Commands;

namespace SuperConvergence.Cli;

/// <summary>Builds the `sc` command tree and runs it with the project's error and exit-code conventions.</summary>
public static class CliApp
{
    public static RootCommand BuildRoot(CliConsole console)
    {
        var root = new RootCommand("sc — find super-convergent training configurations: LR range tests, 1cycle training, sweeps.\n\nExamples:\n  sc demo\n  sc sweep run examples/simulated-quick.yaml\n  sc sweep best fmnist-20261122-0a1b --top 5 --gateway 127.0.0.1:30000\n  sc schedule onecycle --max-lr 0.8 --total-steps 1000");
        root.Subcommands.Add(DoctorCommand.Create(console));
        root.Subcommands.Add(DemoCommand.Create(console));
        root.Subcommands.Add(SweepCommand.Create(console));
        root.Subcommands.Add(TrialCommand.Create(console));
        root.Subcommands.Add(ReportCommand.Create(console));
        root.Subcommands.Add(DbCommand.Create(console));
        root.Subcommands.Add(SiloCommand.Create(console));
        root.Subcommands.Add(DataCommand.Create(console));
        root.Subcommands.Add(ScheduleCommand.Create(console));
        root.Subcommands.Add(RangeTestCommand.Create(console));
        root.Subcommands.Add(TrainCommand.Create(console));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliConsole console)
    {
        var root = BuildRoot(console);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            console.Error.WriteLine($"error: {Describe(parse.Errors[0])}");
            console.Error.WriteLine("hint: run with --help for usage");
            return ExitCodes.BadInput;
        }

        try
        {
            // Without this, System.CommandLine catches what an action throws, prints a stack trace and exits 1,
            // and the CliException handling below never runs.
            var configuration = new InvocationConfiguration
            {
                Output = console.Out,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,
                // On SIGTERM/SIGINT the action's token is cancelled, and System.CommandLine would end the process 2 s
                // later (exit 143) whatever the action was doing: that cut `sc silo`'s graceful stop short, in which a
                // worker hands its trials back and leaves the cluster. Allow the host's own shutdown timeout (30 s).
                ProcessTerminationTimeout = TimeSpan.FromSeconds(35),
            };
            return await parse.InvokeAsync(configuration);
        }
        catch (CliException e)
        {
            return Report(e, console);
        }
        catch (OperationCanceledException)
        {
            console.Error.WriteLine("cancelled");
            return ExitCodes.Failure;
        }
        catch (Exception e) when (UnexpectedFailure.Unwrap(e) is CliException wrapped)
        {
            // Thrown inside a Task.WhenAll or a reflection call: still the user's failure, not sc's.
            return Report(wrapped, console);
        }
        catch (Exception e)
        {
            return UnexpectedFailure.Report(e, console);
        }
    }

    private static int Report(CliException e, CliConsole console)
    {
        // Every value in a CliException is masked where it is quoted; this catches a connection string quoted whole.
        console.Error.WriteLine($"error: {Silo.Persistence.ConnectionStrings.RedactMessage(e.Message)}");
        if (e.Hint is not null)
        {
            console.Error.WriteLine($"hint: {e.Hint}");
        }

        return e.ExitCode;
    }

    /// <summary>
    /// One line, naming the option where the parser knows it: System.CommandLine lists allowed values one per line and
    /// says only "Argument 'xml' not recognized".
    /// </summary>
    private static string Describe(ParseError error)
    {
        var message = string.Join(' ', error.Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        var option = error.SymbolResult switch
        {
            OptionResult o => o.Option.Name,
            ArgumentResult { Parent: OptionResult o } => o.Option.Name,
            _ => null,
        };
        return option is null || message.Contains(option, StringComparison.Ordinal) ? message : $"{option}: {message}";
    }
}
