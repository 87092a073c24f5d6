using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Core.Search;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials;

namespace SuperConvergence.Grains.Tests.Work;

/// <summary>
/// A trial's definition carries the command trainer's settings to the worker, and compares by value: a trial grain
/// initialised twice with the same definition (a retried call, a coordinator re-creating its trials) accepts it.
/// </summary>
public sealed class TrialDefinitionTests
{
    private static readonly TrialProposal Proposal = new TrainingProposal(new TrialConfig("d", "m", 0.5, 25, 1e4, 1e-4, 128, 4, 0.85, 0.95, 1), 1, "cell");

    private static TrainerSpec Command(params string[] run) => new(TrainerKind.Command, Command: new CommandTrainerSpec(run, 50, TimeSpan.FromMinutes(3)));

    [Fact]
    public void The_command_trainer_s_settings_travel_with_the_definition()
    {
        var spec = TrialDefinition.For("s", Proposal, Command("python3", "train.py")).TrainerSpec;

        Assert.Equal(TrainerKind.Command, spec.Kind);
        Assert.Equal(["python3", "train.py"], spec.Command!.Run);
        Assert.Equal((50, TimeSpan.FromMinutes(3)), (spec.Command.StepsPerEpoch, spec.Command.LineTimeout));
        Assert.Null(TrialDefinition.For("s", Proposal, new TrainerSpec(TrainerKind.Simulated)).TrainerSpec.Command);
    }

    [Fact]
    public void Definitions_compare_by_value_arguments_included()
    {
        var definition = TrialDefinition.For("s", Proposal, Command("python3", "train.py"));

        Assert.Equal(definition, TrialDefinition.For("s", Proposal, Command("python3", "train.py")));
        Assert.Equal(definition.GetHashCode(), TrialDefinition.For("s", Proposal, Command("python3", "train.py")).GetHashCode());
        Assert.NotEqual(definition, TrialDefinition.For("s", Proposal, Command("python3", "train2.py")));
        Assert.NotEqual(definition, TrialDefinition.For("s", Proposal, Command("python3", "train.py", "--fast")));
        Assert.NotEqual(TrialDefinition.For("s", Proposal, new TrainerSpec(TrainerKind.Simulated)), TrialDefinition.For("s", Proposal, Command()));
    }
}
