using SuperConvergence.Training.Runtime;

namespace SuperConvergence.Training.Tests.Runtime;

public sealed class TrainingSmokeCheckTests
{
    [Fact]
    public void Torch_loads_on_this_host()
    {
        var report = TorchEnvironment.Probe();

        Assert.True(report.Loaded, report.LoadError);
        Assert.False(string.IsNullOrEmpty(report.LibTorchVersion));
        Assert.Contains(report.Device, new[] { "cpu", "cuda" });
    }

    [Fact]
    public void A_few_sgd_steps_lower_the_loss()
    {
        var result = TrainingSmokeCheck.Run(steps: 20);

        Assert.Equal(20, result.Steps);
        Assert.True(result.FinalLoss < 0.5 * result.InitialLoss, $"loss {result.InitialLoss} -> {result.FinalLoss}");
    }

    [Fact]
    public void The_check_is_repeatable_for_a_seed()
    {
        var first = TrainingSmokeCheck.Run(steps: 5, seed: 3);
        var second = TrainingSmokeCheck.Run(steps: 5, seed: 3);

        Assert.Equal(first.FinalLoss, second.FinalLoss);
    }
}
