namespace SuperConvergence.Silo.Tests.Hosting.Grains;

[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)]
    public int Value { get; set; }

    [Id(1)]
    public List<int> Additions { get; set; } = [];
}
