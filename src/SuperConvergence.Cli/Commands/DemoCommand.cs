using System.CommandLine;
using SuperConvergence.Training.Runtime;

namespace SuperConvergence.Cli.Commands;

/// <summary>`sc demo`: the product's main job, end to end, with nothing to configure.</summary>
public static class DemoCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("demo", "Run the end-to-end demo on this machine.\n\nExample:\n  sc demo");
        command.SetAction(_ => Run(console));
        return command;
    }

    private static int Run(CliConsole console)
    {
        var result = TrainingSmokeCheck.Run(steps: 50);
        console.Out.WriteLine($"trained a small network for {result.Steps} SGD steps: loss {result.InitialLoss:G4} -> {result.FinalLoss:G4}");
        return result.LossDecreased ? ExitCodes.Ok : ExitCodes.Failure;
    }
}
