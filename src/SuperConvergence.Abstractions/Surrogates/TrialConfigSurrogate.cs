using SuperConvergence.Core.Trials;

namespace SuperConvergence.Abstractions.Surrogates;

// Core stays free of Orleans; these surrogates let its records cross the wire and sit in grain state.
[GenerateSerializer]
[Alias("sc.TrialConfig")]
public struct TrialConfigSurrogate
{
    [Id(0)] public string Dataset;
    [Id(1)] public string Model;
    [Id(2)] public double MaxLr;
    [Id(3)] public double DivFactor;
    [Id(4)] public double FinalDivFactor;
    [Id(5)] public double WeightDecay;
    [Id(6)] public int BatchSize;
    [Id(7)] public int CycleEpochs;
    [Id(8)] public double BaseMomentum;
    [Id(9)] public double MaxMomentum;
    [Id(10)] public int Seed;
    [Id(11)] public int? TrainImages;
    [Id(12)] public int? TestImages;
}

[RegisterConverter]
public sealed class TrialConfigSurrogateConverter : IConverter<TrialConfig, TrialConfigSurrogate>
{
    public TrialConfig ConvertFromSurrogate(in TrialConfigSurrogate s) =>
        new(s.Dataset, s.Model, s.MaxLr, s.DivFactor, s.FinalDivFactor, s.WeightDecay, s.BatchSize, s.CycleEpochs,
            s.BaseMomentum, s.MaxMomentum, s.Seed, s.TrainImages, s.TestImages);

    public TrialConfigSurrogate ConvertToSurrogate(in TrialConfig v) => new()
    {
        Dataset = v.Dataset,
        Model = v.Model,
        MaxLr = v.MaxLr,
        DivFactor = v.DivFactor,
        FinalDivFactor = v.FinalDivFactor,
        WeightDecay = v.WeightDecay,
        BatchSize = v.BatchSize,
        CycleEpochs = v.CycleEpochs,
        BaseMomentum = v.BaseMomentum,
        MaxMomentum = v.MaxMomentum,
        Seed = v.Seed,
        TrainImages = v.TrainImages,
        TestImages = v.TestImages,
    };
}
