using System.CommandLine;

namespace SuperConvergence.Cli.Commands;

/// <summary>`sc rangetest …`: LR range tests — run one with the training engine, or analyse a recorded curve.</summary>
public static class RangeTestCommand
{
    public static Command Create(CliConsole console)
    {
        var rangeTest = new Command("rangetest", "LR range tests: run one with the training engine, or analyse a recorded curve.\n\nExamples:\n  sc rangetest run --dataset fashion-mnist --model resnet-small --out curve.csv\n  sc rangetest analyze curve.csv --format json");
        rangeTest.Subcommands.Add(RangeTestRunCommand.Create(console));
        rangeTest.Subcommands.Add(RangeTestAnalyzeCommand.Create(console));
        return rangeTest;
    }
}
