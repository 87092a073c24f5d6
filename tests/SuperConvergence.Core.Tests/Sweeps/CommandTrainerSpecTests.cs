using SuperConvergence.Core.Sweeps;

namespace SuperConvergence.Core.Tests.Sweeps;

/// <summary>The command trainer's part of the spec: what it reads, what it refuses, one line naming the field each.</summary>
public sealed class CommandTrainerSpecTests
{
    private const string Trainer = "trainer: {kind: command, run: [python3, train.py, --fast], stepsPerEpoch: 100}";

    private const string Yaml = """
        name: command
        dataset: cifar10
        model: my-net
        trainer: {kind: command, run: [python3, train.py, --fast], stepsPerEpoch: 100}
        searchSpace:
          maxLr: {min: 0.01, max: 1}
          cycleEpochs: [2, 40]
        budget: {trialEpochs: 40, maxTrials: 10}
        """;

    [Fact]
    public void A_command_trainer_reads_its_program_steps_and_line_timeout()
    {
        var spec = SweepSpecReader.ParseYaml(Yaml.Replace("stepsPerEpoch: 100}", "stepsPerEpoch: 100, lineTimeout: 90s}", StringComparison.Ordinal));

        Assert.Equal(TrainerKind.Command, spec.Trainer.Kind);
        Assert.Equal(["python3", "train.py", "--fast"], spec.Trainer.Command!.Run);
        Assert.Equal(["train.sh", "--epochs", "3"], SweepSpecReader.ParseYaml(Yaml.Replace("[python3, train.py, --fast]", "[train.sh, --epochs, 3]", StringComparison.Ordinal)).Trainer.Command!.Run);
        Assert.Equal(100, spec.Trainer.Command.StepsPerEpoch);
        Assert.Equal(TimeSpan.FromSeconds(90), spec.Trainer.Command.LineTimeout);
        Assert.Equal(SweepSpecDefaults.CommandLineTimeout, SweepSpecReader.ParseYaml(Yaml).Trainer.Command!.LineTimeout);
    }

    public static TheoryData<string, string> Mistakes => new()
    {
        { "trainer: command", "trainer: command needs its program: write trainer: {kind: command, run: [PROGRAM, ARGS…], stepsPerEpoch: N}" },
        { "trainer: {kind: command, stepsPerEpoch: 100}", "trainer.run: (missing) is required with trainer kind command: the program and its arguments, [PROGRAM, ARGS…]" },
        { "trainer: {kind: command, run: [train.sh]}", "trainer.stepsPerEpoch: (missing) is required with trainer kind command: the optimizer steps in one epoch, which size the per-step schedule" },
        { "trainer: {kind: command, run: [], stepsPerEpoch: 100}", "trainer.run: [] must name the program to run, then its arguments: [PROGRAM, ARGS…]" },
        { "trainer: {kind: command, run: [''], stepsPerEpoch: 100}", "trainer.run[0]: '' must name the program to run" },
        { "trainer: {kind: command, run: [train.sh, {epochs: 3}], stepsPerEpoch: 100}", "trainer.run[1]: {...} must be text" },
        { "trainer: {kind: command, run: [train.sh], stepsPerEpoch: 0}", "trainer.stepsPerEpoch: 0 must be >= 1" },
        { "trainer: {kind: command, run: [train.sh], stepsPerEpoch: 5000000}", "trainer.stepsPerEpoch: 5000000 must be <= 1000000" },
        { "trainer: {kind: command, run: [train.sh], stepsPerEpoch: 1000000}", "trainer.stepsPerEpoch: 1000000 times the longest cycle (40 epochs) is more than the limit of 10000000 schedule steps per trial" },
        { "trainer: {kind: command, run: [train.sh], stepsPerEpoch: 10, lineTimeout: 0s}", "trainer.lineTimeout: 0s must be longer than zero and at most 7d" },
        { "trainer: {kind: command, run: [train.sh], stepsPerEpoch: 10, lineTimeout: 10}", "trainer.lineTimeout: 10 must be a duration such as 90s, 10m, 2h or 1h30m (units ms, s, m, h, d)" },
        { "trainer: {kind: command, run: [train.sh], stepsPerEpoch: 10, epochSeconds: 1}", "trainer.epochSeconds: 1 applies only to trainer kinds simulated and tabular" },
        { "trainer: {kind: simulated, run: [train.sh]}", "trainer.run: [...] applies only to trainer kind command" },
        { "trainer: {kind: torch, stepsPerEpoch: 10}", "trainer.stepsPerEpoch: 10 applies only to trainer kind command" },
        { "trainer: {kind: command, run: [train.sh], stepsPerEpoch: 10, script: x}", "trainer.script: x is not a known field (known here: kind, epochSeconds, table, run, stepsPerEpoch, lineTimeout)" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Every_mistake_names_the_field_and_the_value(string trainer, string message)
    {
        var error = Assert.Throws<SweepSpecException>(() => SweepSpecReader.ParseYaml(Yaml.Replace(Trainer, trainer, StringComparison.Ordinal)));

        Assert.Equal(message, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_spec_built_in_code_goes_through_the_same_rules()
    {
        var spec = SweepSpecReader.ParseYaml(Yaml);

        var noCommand = SweepSpecValidator.FindErrors(spec with { Trainer = spec.Trainer with { Command = null } });
        var strayCommand = SweepSpecValidator.FindErrors(spec with { Trainer = new TrainerSpec(TrainerKind.Simulated, Command: spec.Trainer.Command) });
        var nul = SweepSpecValidator.FindErrors(spec with { Trainer = spec.Trainer with { Command = spec.Trainer.Command! with { Run = ["a\0b"] } } });

        Assert.Equal("trainer.run: (missing) is required with trainer kind command: the program and its arguments, [PROGRAM, ARGS…]", Assert.Single(noCommand).ToString());
        Assert.Equal("trainer.run: 'python3 train.py --fast' applies only to trainer kind command", Assert.Single(strayCommand).ToString());
        var oneStep = SweepSpecValidator.FindErrors(spec with
        {
            SearchSpace = spec.SearchSpace with { CycleEpochs = [1] },
            Trainer = spec.Trainer with { Command = spec.Trainer.Command! with { StepsPerEpoch = 3 } },
        });
        Assert.Equal("trainer.stepsPerEpoch: 3 times the shortest cycle (1 epochs) must be at least 4 schedule steps: the 1cycle warms up over 30 % of them", Assert.Single(oneStep).ToString());
        Assert.Equal("trainer.run[0]: 'a\\0b' must be text without NUL characters (a program's arguments cannot hold them)", Assert.Single(nul).ToString());
    }
}
