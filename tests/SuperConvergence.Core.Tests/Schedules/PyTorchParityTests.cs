using SuperConvergence.Core.Schedules;

namespace SuperConvergence.Core.Tests.Schedules;

/// <summary>
/// Values at phase boundaries and inside phases, against numbers computed separately (with Python's math module) from
/// the formulas PyTorch publishes for OneCycleLR and CyclicLR.
/// </summary>
public sealed class PyTorchParityTests
{
    private const int Precision = 12;

    [Theory]
    [InlineData(0, 0.04, 0.95)]
    [InlineData(10, 0.29516394846410077, 0.9234204220349895)]
    [InlineData(29, 1.0, 0.85)]
    [InlineData(30, 0.9994965352845243, 0.8500503466729342)]
    [InlineData(50, 0.793893450575732, 0.8706107373853763)]
    [InlineData(70, 0.3669841092903536, 0.9133018422783337)]
    [InlineData(99, 4e-06, 0.95)]
    public void OneCycle_cos_two_phase(int step, double lr, double momentum) =>
        AssertAt(new OneCycleSchedule(new OneCycleOptions(1.0, 100)), step, lr, momentum);

    [Theory]
    [InlineData(0, 0.04, 0.95)]
    [InlineData(10, 0.37103448275862067, 0.9155172413793103)]
    [InlineData(29, 1.0, 0.85)]
    [InlineData(30, 0.9857143428571429, 0.8514285714285714)]
    [InlineData(50, 0.7000012, 0.88)]
    [InlineData(80, 0.27143148571428577, 0.9228571428571428)]
    [InlineData(99, 4.000000000004e-06, 0.95)]
    public void OneCycle_linear_two_phase(int step, double lr, double momentum) =>
        AssertAt(new OneCycleSchedule(new OneCycleOptions(1.0, 100, AnnealStrategy: AnnealStrategy.Linear)), step, lr, momentum);

    [Theory]
    [InlineData(0, 0.02, 0.95)]
    [InlineData(10, 0.409637552446096, 0.8688255099070633)]
    [InlineData(14, 0.5, 0.85)]
    [InlineData(28, 0.02, 0.95)]
    [InlineData(29, 0.01988831943142506, 0.95)]
    [InlineData(30, 0.019555772485055623, 0.95)]
    [InlineData(49, 2e-06, 0.95)]
    public void OneCycle_cos_three_phase(int step, double lr, double momentum) =>
        AssertAt(new OneCycleSchedule(new OneCycleOptions(0.5, 50, ThreePhase: true)), step, lr, momentum);

    [Theory]
    [InlineData(10, 0.3628571428571429, 0.8785714285714286)]
    [InlineData(14, 0.5, 0.85)]
    [InlineData(29, 0.019047714285714286, 0.95)]
    [InlineData(30, 0.01809542857142857, 0.95)]
    [InlineData(49, 1.9999999999985307e-06, 0.95)]
    public void OneCycle_linear_three_phase(int step, double lr, double momentum) =>
        AssertAt(new OneCycleSchedule(new OneCycleOptions(0.5, 50, AnnealStrategy: AnnealStrategy.Linear, ThreePhase: true)), step, lr, momentum);

    [Fact]
    public void OneCycle_without_momentum_cycling_keeps_max_momentum()
    {
        var schedule = new OneCycleSchedule(new OneCycleOptions(1.0, 100, CycleMomentum: false));

        Assert.All(Enumerable.Range(0, 100), step => Assert.Equal(0.95, schedule.At(step).Momentum));
    }

    [Fact]
    public void The_fastai_preset_ends_at_max_over_1e5()
    {
        var schedule = new OneCycleSchedule(OneCycleOptions.Fastai(1.0, 1000));

        Assert.Equal(0.04, schedule.At(0).LearningRate, Precision);
        Assert.Equal(1.0, schedule.At(249).LearningRate, Precision);
        Assert.Equal(1e-5, schedule.At(999).LearningRate, Precision);
    }

    [Theory]
    [InlineData(0, 0.1, 0.9)]
    [InlineData(5, 0.5499999999999999, 0.8500000000000001)]
    [InlineData(10, 0.9999999999999998, 0.8)]
    [InlineData(12, 0.6399999999999998, 0.8400000000000001)]
    [InlineData(15, 0.1, 0.9)]
    [InlineData(25, 0.9999999999999991, 0.8000000000000002)]
    [InlineData(37, 0.7300000000000002, 0.8300000000000001)]
    public void Cyclic_triangular(int step, double lr, double momentum) =>
        AssertAt(new CyclicSchedule(new CyclicOptions(0.1, 1.0, 40, StepSizeUp: 10, StepSizeDown: 5)), step, lr, momentum);

    [Theory]
    [InlineData(10, 0.9999999999999998, 0.8)]
    [InlineData(25, 0.5499999999999996, 0.8500000000000001)]
    [InlineData(30, 0.1, 0.9)]
    [InlineData(37, 0.25750000000000006, 0.8825000000000001)]
    public void Cyclic_triangular2(int step, double lr, double momentum) =>
        AssertAt(new CyclicSchedule(new CyclicOptions(0.1, 1.0, 40, StepSizeUp: 10, StepSizeDown: 5, Mode: CyclicMode.Triangular2)), step, lr, momentum);

    [Theory]
    [InlineData(5, 0.5279455224549998, 0.852450497505)]
    [InlineData(10, 0.9139438675079238, 0.8095617924991196)]
    [InlineData(12, 0.5786478307267097, 0.8468169076970323)]
    [InlineData(25, 0.8000392234592313, 0.8222178640600855)]
    [InlineData(37, 0.5343529240975191, 0.8517385639891646)]
    public void Cyclic_exp_range(int step, double lr, double momentum) =>
        AssertAt(new CyclicSchedule(new CyclicOptions(0.1, 1.0, 40, StepSizeUp: 10, StepSizeDown: 5, Mode: CyclicMode.ExpRange, Gamma: 0.99)), step, lr, momentum);

    [Fact]
    public void Multistep_decays_by_gamma_at_each_milestone()
    {
        var schedule = new MultiStepSchedule(0.1, [5, 8], 0.1, 0.9, 10);

        Assert.Equal([0.1, 0.1, 0.1, 0.1, 0.1, 0.01, 0.01, 0.01, 0.001, 0.001], Enumerable.Range(0, 10).Select(s => Math.Round(schedule.At(s).LearningRate, 12)));
    }

    [Fact]
    public void Cosine_annealing_follows_half_a_cosine_to_eta_min()
    {
        var schedule = new CosineAnnealingSchedule(1.0, 0.9, 100, etaMin: 0.01);

        Assert.Equal(1.0, schedule.At(0).LearningRate, Precision);
        Assert.Equal(0.505, schedule.At(50).LearningRate, Precision);
        Assert.Equal(0.01 + 0.99 * (1 + Math.Cos(Math.PI * 0.99)) / 2, schedule.At(99).LearningRate, Precision);
    }

    private static void AssertAt(ITrainingSchedule schedule, int step, double lr, double momentum)
    {
        var value = schedule.At(step);
        Assert.Equal(lr, value.LearningRate, Precision);
        Assert.Equal(momentum, value.Momentum, Precision);
    }
}
