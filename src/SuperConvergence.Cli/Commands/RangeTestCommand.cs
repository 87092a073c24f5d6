using System.CommandLine;

namespace SuperConvergence.Cli.Commands;

/// <summary>`sc rangetest …`: LR range tests — run one with the training engine, or analyse a recorded curve.</summary>
public static class RangeTestCommand
{
    public static Command Create(CliConsole console)
    {
        var rangeTest = new Command("rangetest", "LR range tests: run one with the training engine, or analyse a recorded curve.");
        rangeTest.Subcommands.Add(RangeTestRunCommand.Create(console));
        rangeTest.Subcommands.Add(RangeTestAnalyzeCommand.Create(console));
        return rangeTest;
    }
}
