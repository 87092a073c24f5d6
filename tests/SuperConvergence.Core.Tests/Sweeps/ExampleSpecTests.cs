using SuperConvergence.Core.Sweeps;

namespace SuperConvergence.Core.Tests.Sweeps;

public sealed class ExampleSpecTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(RepositoryFiles.PathOf("examples")).Order())
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_reads_and_validates(string file)
    {
        var spec = SweepSpecReader.ReadFile(RepositoryFiles.PathOf(Path.Combine("examples", file)));

        Assert.Empty(SweepSpecValidator.FindErrors(spec));
        Assert.Equal(Path.GetFileNameWithoutExtension(file).Split('.')[0], spec.Name.Replace("fashion-mnist-resnet-small", "fashion-mnist", StringComparison.Ordinal));
    }

    [Fact]
    public void The_examples_cover_every_strategy_and_both_trainers()
    {
        var specs = Directory.EnumerateFiles(RepositoryFiles.PathOf("examples")).Select(SweepSpecReader.ReadFile).ToArray();

        Assert.Equal(Enum.GetValues<StrategyKind>().Order(), specs.Select(spec => spec.Strategy).Distinct().Order());
        Assert.Equal(Enum.GetValues<TrainerKind>().Order(), specs.Select(spec => spec.Trainer.Kind).Distinct().Order());
    }
}
