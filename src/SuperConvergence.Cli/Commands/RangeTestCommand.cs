namespace SuperConvergence.Cli.Commands;

/// <summary>`sc rangetest …`: LR range tests — run one with the training engine, analyse a recorded curve, or the Hessian-free estimate.</summary>
public static class RangeTestCommand
{
    public static Command Create(CliConsole console)
    {
        var rangeTest = new Command("rangetest", "LR range tests: run one with the training engine, analyse a recorded curve, or estimate the LR from the curvature along the gradient.\n\nExamples:\n  sc rangetest run --dataset fashion-mnist --model resnet-small --out curve.csv\n  sc rangetest analyze curve.csv --format json\n  sc rangetest hessian --model resnet-small --iterations 100 --lr 0.01");
        rangeTest.Subcommands.Add(RangeTestRunCommand.Create(console));
        rangeTest.Subcommands.Add(RangeTestAnalyzeCommand.Create(console));
        rangeTest.Subcommands.Add(RangeTestHessianCommand.Create(console));
        return rangeTest;
    }
}
